"""Demo data for suggestions: the district congress's sessions from the one that
opened at least ten months ago to the latest, and about 65 suggestions of the
main street's deputies (some 40 大会建议 and 25 闭会建议, the mix depending on
today's date) in every state: drafts with co-signers still to answer, awaiting
review, returned with comments, accepted, converted to opinions, assigned to
lead and co-handling units (some given back by a unit, some extended, with the
co-handling units' views), answered, evaluated (some unsatisfied, handled again
and evaluated again), in follow-up, closed or solved; a few under key
supervision with supervision entries, and a few raised from visits that the
stations' demo escalated. The demo accounts `deputy` and `deputy2` lead some
of them and are invited to co-sign others. Every step goes through the real
services, so numbers, points, co-signatures and history are what the portal
itself would write.

Each suggestion follows a planned timeline, so that the ledger, the deadlines
and the traffic light (三色督办) show a spread of ages (green, amber, red and
overdue suggestions, realistic answer times): every service is called with the
moment of its step on that timeline (`at=`), and dates what it writes from it:
the suggestion's dates and deadlines, the units' parts, answers and
evaluations, the co-signers' answers, the step trail, the points' days and the
history.

`--scale N` (N > 1) adds benchmark volumes: 2,000 × N suggestions (200,000 at
`--scale 100`) led and co-signed by the benchmark deputies of every street,
over the same sessions, in a realistic mix of states, with their unit
assignments, answers and evaluations. For speed they bypass the services and
django-simple-history (no history, steps, points or supervision entries: the
services would take hours for 200,000 suggestions) and are written with
bulk_create in batches, their fields set by the model's own step methods at the
days of their timelines (`step_in_memory`).

Running it again changes nothing: sessions are looked up before they are
created, the detailed demo is built only while the main street has no
suggestion but the benchmark ones, and the benchmark volumes only while no
suggestion led by a benchmark deputy exists.
"""

import datetime
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Max
from django.utils import timezone

from congress_portal import workflow
from congress_portal.demo import DISTRICT, MAIN_STREET, account, chinese_name, moment
from congress_portal.models import HandlingUnit, Street, User
from congress_portal.roles import Role
from deputies.demo import BULK_NOTE, seed_terms, weekday
from deputies.models import Deputy, Level, Membership
from liaison_stations.demo import SCHOOLS, landline, road
from liaison_stations.models import Visit

from . import services
from .deadlines import (
    ANSWER_MONTHS,
    CO_HANDLER_VIEW_MONTHS,
    add_months,
    add_working_days,
)
from .models import (
    Answer,
    CongressSession,
    CoSignature,
    Suggestion,
    Supervision,
    UnitAssignment,
    lead_deputy,
)

BATCH = 5000
SUGGESTIONS_PER_SCALE = 2_000
DAY = datetime.timedelta(days=1)
# The oldest session of the demo opened at least this many days ago, so that its
# suggestions have been through the whole handling.
OLDEST_SESSION_DAYS = 300
# A session sits from its opening day to two working days later.
SITTING_WORKING_DAYS = 2
DURING, BETWEEN = Suggestion.Kind.DURING_SESSION, Suggestion.Kind.BETWEEN_SESSIONS
State, Evaluation = Suggestion.State, Suggestion.Evaluation
SATISFIED, BASICALLY, UNSATISFIED = (
    Evaluation.SATISFIED,
    Evaluation.BASICALLY_SATISFIED,
    Evaluation.UNSATISFIED,
)
COMMITTEE = "{street}人大工委"
VISIT_LINKS = 4
# Suggestions' content: topic → category, title, reasons (案由), proposals, the
# units that lead (first choice first) and co-handle them, what an A answer
# reports done and what a B answer reports planned. "{community}", "{road}",
# "{school}" and "{street}" are the lead deputy's community, a road and a school
# near it, and their street; units named with them are looked up, and skipped
# when the portal has no such unit.
TOPICS = [
    {
        "category": Suggestion.Category.URBAN,
        "title": "关于加快推进{community}老旧小区既有住宅加装电梯的建议",
        "reasons": "{community}现有老旧住宅楼四十余幢，多建于上世纪八九十年代，均无电梯，"
        "六十岁以上居民占比超过三成。不少高龄、失能老人常年“悬空”在家，下楼就医、买菜十分困难。"
        "目前加装电梯存在低层住户意见难统一、审批环节多、资金筹集难、管线迁移费用高等问题，"
        "已加装的楼幢占比不足一成。",
        "proposals": "一是简化加装电梯审批流程，推行“一窗受理、并联审批”；二是由街道和社区牵头"
        "搭建协商平台，引导高低层住户协商解决采光、噪音和补偿问题；三是加大财政补助力度，允许提取"
        "住房公积金用于加装电梯；四是协调供水、燃气、电力等单位减免管线迁移费用。",
        "units": ["区住建局"],
        "co": ["{street}办事处"],
        "done": "已将{community}12幢住宅列入本年度加装电梯计划，其中8台已完工投用，"
        "审批时限压缩至15个工作日",
        "plan": "已将{community}符合条件的住宅楼纳入今明两年加装电梯计划，"
        "正在开展意见征询和方案设计",
    },
    {
        "category": Suggestion.Category.URBAN,
        "title": "关于缓解{community}周边停车难问题的建议",
        "reasons": "{community}老旧小区集中，规划车位严重不足，夜间车辆停满小区道路和消防通道，"
        "周边{road}两侧也长期停满车辆，早晚高峰通行不畅，居民之间因停车引发的矛盾时有发生。",
        "proposals": "一是挖潜利用边角空地、闲置地块建设临时停车场；二是推动周边机关、学校、商场"
        "停车场夜间错时向居民开放；三是在{road}等支路合理施划夜间限时停车泊位；"
        "四是加快规划建设立体停车库。",
        "units": ["区交通运输局", "区公安分局交警大队"],
        "co": ["区城管局", "{street}办事处"],
        "done": "已协调周边3家单位停车场夜间错时开放，新增共享泊位210个，"
        "并在{road}施划夜间限时泊位56个",
        "plan": "{community}立体停车库项目已列入明年城建计划，目前正在开展选址论证",
    },
    {
        "category": Suggestion.Category.ENVIRONMENT,
        "title": "关于完善{community}垃圾分类投放点设置和清运管理的建议",
        "reasons": "自生活垃圾分类全面推行以来，{community}居民参与率明显提高，但部分投放点紧邻"
        "住户窗口，夏季异味和蚊蝇较重；定时定点投放时间与上班族作息不匹配，误时投放现象多；"
        "个别清运车辆混装混运，影响居民分类积极性。",
        "proposals": "一是科学调整投放点位置，新建带洗手池和除臭设施的标准化投放亭；二是设置误时"
        "投放点，延长早晚投放时间；三是加强清运环节监管，杜绝混装混运；四是完善积分激励机制，"
        "发挥志愿者督导作用。",
        "units": ["区城管局"],
        "co": ["{community}居民委员会", "{street}办事处"],
        "done": "已对{community}11处投放点进行改造，新建标准化投放亭6座并增设误时投放点，"
        "清运车辆全部实行分类收运",
        "plan": "已将{community}投放点改造纳入全区垃圾分类提升计划，分两批实施",
    },
    {
        "category": Suggestion.Category.URBAN,
        "title": "关于改善{school}周边上下学交通秩序的建议",
        "reasons": "{school}位于{road}与主干道交叉口附近，上下学高峰时段接送车辆临时停靠、"
        "电动自行车逆行和行人横穿马路现象突出，校门口道路拥堵严重，存在较大交通安全隐患，"
        "家长和周边居民反映强烈。",
        "proposals": "一是在校门口周边设置限时接送车位和即停即走区；二是增设人行横道、减速带和"
        "交通警示标志；三是高峰时段加派交警和护学岗志愿者；四是研究错峰放学，引导家长绿色出行。",
        "units": ["区公安分局交警大队", "区教育局"],
        "co": ["区交通运输局", "区教育局"],
        "done": "已在{school}门口设置即停即走接送区和护学岗，增设人行横道2处、减速带4条，"
        "高峰时段拥堵明显缓解",
        "plan": "学校周边交通微循环改造方案已编制完成，拟结合道路大修同步实施",
    },
    {
        "category": Suggestion.Category.LIVELIHOOD,
        "title": "关于加快{community}居家养老服务中心建设的建议",
        "reasons": "{community}60岁以上老年人近三千人，其中独居、高龄老人四百余人。现有居家养老"
        "服务站面积小、功能单一，日间照料、助浴、康复等服务供给不足，专业护理人员缺乏，"
        "难以满足老年人就近养老的需求。",
        "proposals": "一是统筹社区用房，扩建居家养老服务中心，增设日间照料床位；二是引入专业养老"
        "服务机构运营，提供助餐、助浴、助医等服务；三是为困难失能老人开展适老化改造；"
        "四是加强养老护理人才培训。",
        "units": ["区民政局"],
        "co": ["区卫健局", "{street}办事处"],
        "done": "{community}居家养老服务中心已完成扩建并由专业机构运营，新增日间照料床位20张，"
        "为42户困难老人完成适老化改造",
        "plan": "{community}居家养老服务中心扩建项目已列入明年民生实事，正在办理用房调整手续",
    },
    {
        "category": Suggestion.Category.LIVELIHOOD,
        "title": "关于在{community}增设老年助餐点的建议",
        "reasons": "辖区高龄、独居老人日益增多，不少老人存在“做饭难、吃饭难”问题。"
        "目前{community}周边没有老年食堂，老人只能自己做饭或购买外卖，饮食营养和安全难以保障。",
        "proposals": "一是利用社区用房或引入餐饮企业开设老年助餐点；二是对高龄、低保、失能老人"
        "给予分档用餐补贴；三是为行动不便的老人提供送餐上门服务；四是加强助餐点食品安全监管。",
        "units": ["区民政局"],
        "co": ["区市场监管局", "{street}办事处"],
        "done": "{community}老年助餐点已开业运营，日均供餐150余份，对80周岁以上老人按标准"
        "给予补贴并提供送餐上门服务",
        "plan": "已完成{community}助餐点选址，正在装修改造，计划明年上半年投入运营",
    },
    {
        "category": Suggestion.Category.GOVERNANCE,
        "title": "关于在{community}老旧小区建设电动自行车集中充电设施的建议",
        "reasons": "{community}老旧小区电动自行车保有量大，但集中充电设施严重不足，“飞线充电”、"
        "楼道停放充电现象屡禁不止。近年来多地发生电动自行车火灾事故，居民对此十分担忧。",
        "proposals": "一是摸排老旧小区充电需求，按需建设集中停放充电棚；二是引入社会资本参与建设"
        "运营，合理确定充电收费标准；三是加强消防安全宣传和日常巡查，整治楼道违规充电；"
        "四是在电梯内安装阻车装置。",
        "units": ["区应急管理局", "区住建局"],
        "co": ["{street}办事处"],
        "done": "已在{community}建成集中充电棚9处、充电端口360个，电梯全部安装阻车装置，"
        "楼道违规充电现象基本杜绝",
        "plan": "{community}集中充电设施建设已纳入全区消防安全专项整治计划，正在分批实施",
    },
    {
        "category": Suggestion.Category.ENVIRONMENT,
        "title": "关于推进{street}背街小巷环境综合整治的建议",
        "reasons": "{street}部分背街小巷路面破损、雨污管网老化，占道经营、乱堆乱放和乱拉乱挂现象"
        "较多，环境卫生脏乱差，与主干道的整洁面貌形成明显反差，群众出行和生活受到影响。",
        "proposals": "一是制定背街小巷整治计划，分批实施路面、管网和立面改造；二是落实“门前三包”"
        "责任制，加强日常保洁；三是规范设置便民摊点，疏堵结合治理占道经营；四是建立长效管护机制。",
        "units": ["区城管局"],
        "co": ["区住建局", "{street}办事处"],
        "done": "已完成{street}14条背街小巷整治，改造路面1.2万平方米，同步更新雨污管网，"
        "建立街巷长制长效管护",
        "plan": "剩余背街小巷已纳入明年城市更新计划，将结合管网改造分批整治",
    },
    {
        "category": Suggestion.Category.URBAN,
        "title": "关于解决{road}雨天积水问题的建议",
        "reasons": "{road}地势低洼，排水管网管径偏小且年久失修，每逢暴雨路面积水深达三四十厘米，"
        "车辆熄火、行人涉水，周边小区地下车库多次进水，给群众生命财产安全带来隐患。",
        "proposals": "一是对{road}排水管网进行全面检测，扩大管径、增设雨水口；二是建设雨水调蓄"
        "设施；三是汛前做好管网清淤疏通；四是完善积水点监测预警和应急抽排预案。",
        "units": ["区住建局"],
        "co": ["区城管局", "区应急管理局"],
        "done": "已完成{road}排水管网扩容改造，新增雨水口32个，今年汛期未再出现明显积水",
        "plan": "{road}排水改造工程已完成设计，计划在明年汛前完工，汛期先行配置移动泵车应急抽排",
    },
    {
        "category": Suggestion.Category.URBAN,
        "title": "关于优化公交线路、在{road}增设公交站点的建议",
        "reasons": "{community}周边新建小区陆续交付，"
        "常住人口快速增长，但附近公交线路少、班次间隔长，"
        "最近的公交站点距离小区一公里以上，居民特别是老年人到医院、菜场出行很不方便。",
        "proposals": "一是优化调整公交线路，增开连接{road}与市第一人民医院的社区微循环公交；"
        "二是在{road}增设公交站点并配建候车亭；三是加密早晚高峰班次；"
        "四是完善公交站点周边慢行设施。",
        "units": ["区交通运输局"],
        "co": ["区公安分局交警大队"],
        "done": "已开通社区微循环公交线路1条，在{road}新设站点2个并配建候车亭，"
        "高峰发车间隔缩短至10分钟",
        "plan": "线路调整方案已报市公交集团审核，拟于明年一季度开通",
    },
    {
        "category": Suggestion.Category.SOCIAL,
        "title": "关于增加{street}普惠性托育服务供给的建议",
        "reasons": "随着生育政策调整，辖区0至3岁婴幼儿家庭托育需求明显增加，但{street}现有托育机构"
        "少，且多为高收费的民办机构，普惠性托位严重不足，双职工家庭“带娃难”问题突出。",
        "proposals": "一是支持幼儿园开设托班，延伸招收2至3岁幼儿；二是利用社区用房建设社区嵌入式"
        "托育点；三是对普惠托育机构给予建设和运营补贴；四是加强托育从业人员培训和机构监管。",
        "units": ["区卫健局"],
        "co": ["区教育局"],
        "done": "已新增普惠性托位160个，辖区2所公办幼儿园开设托班，社区嵌入式托育点投入使用",
        "plan": "普惠托育点建设已列入区年度计划，正在协调场地",
    },
    {
        "category": Suggestion.Category.SOCIAL,
        "title": "关于提升{street}社区卫生服务中心家庭医生签约服务质量的建议",
        "reasons": "{street}社区卫生服务中心家庭医生团队人手紧张，签约居民多、服务跟不上，"
        "“签而不约”现象较为普遍；周末及夜间不开诊，老年人和慢性病患者就医不便，"
        "常用药品种类也不能满足需要。",
        "proposals": "一是充实家庭医生团队力量，推动上级医院专家下沉社区；二是为失能、高龄老人"
        "提供上门诊疗服务；三是实行周末错时门诊；四是扩大社区慢病用药目录，方便长处方配药。",
        "units": ["区卫健局"],
        "co": ["区医保局"],
        "done": "社区卫生服务中心已实行周末门诊，新增家庭医生团队3个，为辖区失能老人提供上门服务，"
        "慢病用药品种增加至200余种",
        "plan": "区医院专家下沉社区坐诊方案已制定，正在逐步推开",
    },
    {
        "category": Suggestion.Category.ECONOMY,
        "title": "关于加大对{street}小微企业纾困帮扶力度的建议",
        "reasons": "当前{street}小微企业和个体工商户经营压力较大，普遍反映融资难、融资贵，房租和"
        "用工成本高，对惠企政策知晓度低、申报流程复杂，部分政策“看得见、摸不着”。",
        "proposals": "一是建立惠企政策“一站式”服务平台，推行免申即享；二是引导金融机构开发信用"
        "贷款产品，降低融资成本；三是对承租国有房产的小微企业减免房租；四是建立助企服务专员"
        "制度，定期走访解决企业诉求。",
        "units": ["区市场监管局"],
        "co": ["区人社局"],
        "done": "已设立惠企政策服务专窗，20项政策实现免申即享，为辖区小微企业发放信用贷款1.3亿元",
        "plan": "助企服务专员制度已出台，正在分批走访企业，收集的问题纳入清单逐项解决",
    },
    {
        "category": Suggestion.Category.ECONOMY,
        "title": "关于推进{street}农贸市场提升改造的建议",
        "reasons": "{street}农贸市场建成已二十余年，设施陈旧，地面湿滑，通风排水差，摊位布局"
        "不合理，周边占道经营严重，食品安全追溯体系不健全，群众买菜体验较差。",
        "proposals": "一是将农贸市场纳入提升改造计划，改善通风、排水和消防设施；二是优化摊位布局，"
        "实行分区经营；三是建设农产品快速检测室和追溯系统；四是规范周边经营秩序。",
        "units": ["区市场监管局"],
        "co": ["区城管局", "{street}办事处"],
        "done": "农贸市场提升改造已完工，新建快速检测室并实现主要农产品可追溯，"
        "周边占道经营得到有效治理",
        "plan": "农贸市场改造方案已通过论证，计划明年分区不停业改造",
    },
    {
        "category": Suggestion.Category.GOVERNANCE,
        "title": "关于加强{community}老旧小区物业管理的建议",
        "reasons": "{community}部分老旧小区无物业或由社区代管，楼道卫生、设施维修无人负责；已引入"
        "物业的小区收费率低、服务质量差，业主与物业矛盾突出，业委会组建难、运作不规范。",
        "proposals": "一是推行“红色物业”，将物业服务纳入社区治理体系；二是对无物业小区实行街道"
        "兜底的准物业管理；三是建立物业服务质量评价和退出机制；四是指导规范业委会组建和运作。",
        "units": ["区住建局"],
        "co": ["{street}办事处", "{community}居民委员会"],
        "done": "已在{community}推行准物业管理全覆盖，指导3个小区成立业委会，"
        "物业服务满意度测评明显提升",
        "plan": "物业服务质量评价办法已起草完成，将于明年起在全区推行",
    },
    {
        "category": Suggestion.Category.LIVELIHOOD,
        "title": "关于在{street}建设户外劳动者服务驿站的建议",
        "reasons": "辖区环卫工人、快递员、外卖骑手等户外劳动者数量多，日常工作中普遍面临“喝水难、"
        "休息难、如厕难、充电难”等问题，在夏季高温和冬季严寒时节更为突出。",
        "proposals": "一是依托党群服务中心、银行网点、商户等设立户外劳动者服务驿站；二是配备饮水、"
        "冷暖、充电、应急药箱等设施；三是制作驿站电子地图方便查找；四是推动新就业形态劳动者"
        "参加工伤保险。",
        "units": ["区人社局"],
        "co": ["{street}办事处"],
        "done": "已在辖区建成户外劳动者服务驿站15个，配齐饮水、充电和休息设施，并上线驿站电子地图",
        "plan": "驿站建设已列入明年工会服务项目，正在与沿街商户洽谈合作",
    },
    {
        "category": Suggestion.Category.ENVIRONMENT,
        "title": "关于加强{road}沿线餐饮油烟和夜间施工噪声治理的建议",
        "reasons": "{road}沿线餐饮店铺集中，夜间经营油烟和噪声扰民问题突出；周边工地夜间违规施工"
        "时有发生，居民多次投诉，休息受到严重影响。",
        "proposals": "一是严格夜间施工审批，加强巡查和执法；二是督促餐饮单位安装、清洗油烟净化"
        "设施；三是建立噪声在线监测；四是引导餐饮业态合理布局。",
        "units": ["区生态环境分局", "区城管局"],
        "co": ["{street}办事处"],
        "done": "已对{road}沿线32家餐饮单位开展油烟专项检查，责令整改11家，"
        "夜间施工投诉量同比下降六成",
        "plan": "噪声在线监测点建设已列入明年计划",
    },
    {
        "category": Suggestion.Category.ENVIRONMENT,
        "title": "关于利用{community}边角地建设口袋公园的建议",
        "reasons": "{community}人口密集，周边缺少公园绿地和休闲健身场所，居民只能在小区道路或路边"
        "锻炼。辖区内有多处闲置边角地长期杂草丛生、乱堆杂物，既影响市容又浪费土地资源。",
        "proposals": "一是摸排辖区闲置边角地，编制口袋公园建设计划；二是因地制宜建设小型绿地和健身"
        "休闲设施；三是征求周边居民意见，体现适老化和儿童友好；四是明确后期管护责任。",
        "units": ["区城管局"],
        "co": ["区住建局", "{street}办事处"],
        "done": "已利用{community}3处闲置地块建成口袋公园，新增绿地4500平方米，"
        "配套健身器材和休息座椅",
        "plan": "口袋公园建设已纳入明年城市绿化计划",
    },
    {
        "category": Suggestion.Category.LIVELIHOOD,
        "title": "关于完善{street}公共场所无障碍设施的建议",
        "reasons": "辖区部分人行道盲道被占用或中断，公共建筑、公交站台缺少无障碍坡道和扶手，"
        "残疾人和老年人出行存在诸多不便，与建设无障碍环境的要求还有差距。",
        "proposals": "一是开展无障碍设施专项排查，建立问题清单；二是对盲道中断、坡道缺失等问题"
        "限期整改；三是新建改建项目严格落实无障碍设计规范；四是加强日常维护，清理占用盲道行为。",
        "units": ["区住建局"],
        "co": ["区民政局", "区城管局"],
        "done": "已完成无障碍设施专项排查，整改盲道、坡道问题点位86处",
        "plan": "无障碍环境建设三年行动计划已印发，正在按计划推进",
    },
    {
        "category": Suggestion.Category.SOCIAL,
        "title": "关于优化{school}课后服务的建议",
        "reasons": "目前{school}课后服务结束时间在17点左右，与家长下班时间不匹配，“接娃难”问题"
        "依然存在；课后服务内容以作业辅导为主，体育、艺术、科技类活动偏少。",
        "proposals": "一是延长课后服务时间，提供弹性离校服务；二是引进优质校外资源，丰富课后服务"
        "内容；三是合理核定课后服务经费，保障教师权益；四是利用社区资源开展寒暑假托管。",
        "units": ["区教育局"],
        "co": ["{street}办事处"],
        "done": "{school}已实行弹性离校，课后服务延长至18时，开设体育艺术类社团12个",
        "plan": "已制定暑期托管方案，明年暑假起在社区开设托管班",
    },
    {
        "category": Suggestion.Category.GOVERNANCE,
        "title": "关于整治{community}小区消防通道占用问题的建议",
        "reasons": "{community}部分小区消防通道长期被私家车占用，楼道堆放杂物，一旦发生火灾，消防"
        "车辆难以进入，后果不堪设想，居民多次反映但治理效果不明显。",
        "proposals": "一是对小区消防通道进行标线、标识，安装警示设施；二是联合执法清理占用消防通道"
        "车辆；三是压实物业管理责任；四是开展消防安全宣传和应急演练。",
        "units": ["区应急管理局"],
        "co": ["区公安分局交警大队", "{street}办事处"],
        "done": "已对{community}小区消防通道全部施划标线、设置警示牌，开展联合执法8次，"
        "占用现象明显减少",
        "plan": "消防通道标识化管理已列入全区专项整治，正分批推进",
    },
    {
        "category": Suggestion.Category.GOVERNANCE,
        "title": "关于加强{street}社区网格员队伍建设的建议",
        "reasons": "社区网格员承担着信息采集、矛盾调解、安全巡查等大量基础工作，但目前{street}"
        "网格员待遇偏低、流动性大，工作事项多、考核表格多，“上面千条线，下面一根针”的问题比较突出。",
        "proposals": "一是合理确定网格员薪酬待遇，"
        "建立正常增长机制；二是清理规范进网格事项，为网格员"
        "减负；三是加强业务培训和职业发展通道建设；四是推动数据共享，减少重复填报。",
        "units": ["{street}办事处"],
        "co": ["区民政局"],
        "done": "已出台网格员薪酬调整办法，清理规范进网格事项，基层报表数量减少四成",
        "plan": "网格员职业发展办法正在制定中",
    },
    {
        "category": Suggestion.Category.ECONOMY,
        "title": "关于加强高校毕业生和就业困难人员就业帮扶的建议",
        "reasons": "受经济形势影响，辖区部分高校毕业生就业难，大龄失业人员、残疾人等就业困难人员"
        "再就业渠道窄；{street}社区就业服务站功能弱，招聘信息与求职需求对接不畅。",
        "proposals": "一是开发一批社区公益性岗位托底安置就业困难人员；二是定期举办社区招聘会，精准"
        "推送岗位信息；三是开展订单式职业技能培训；四是落实就业见习和创业担保贷款政策。",
        "units": ["区人社局"],
        "co": ["{street}办事处"],
        "done": "今年已举办社区招聘会12场，开发公益性岗位45个，帮扶就业困难人员就业130余人",
        "plan": "订单式技能培训项目已纳入明年就业培训计划",
    },
    {
        "category": Suggestion.Category.SOCIAL,
        "title": "关于增加{community}公共文化活动场地的建议",
        "reasons": "{community}居民对文化体育活动需求旺盛，但社区活动用房面积小，广场舞、合唱、书画"
        "等群众文体团队缺少活动场地，只能在路边空地活动，既不安全又容易扰民。",
        "proposals": "一是盘活闲置用房，建设社区文化家园；二是推动学校体育场馆在节假日向居民开放；"
        "三是完善社区图书室、多功能活动室设施；四是支持群众文体团队规范发展。",
        "units": ["{street}办事处"],
        "co": ["区教育局"],
        "done": "已盘活闲置用房建成{community}文化家园，辖区2所学校体育场馆节假日向居民开放",
        "plan": "社区文化家园二期已列入明年计划",
    },
    {
        "category": Suggestion.Category.LIVELIHOOD,
        "title": "关于帮助老年人跨越“数字鸿沟”的建议",
        "reasons": "随着线上办事、扫码支付的普及，"
        "不少老年人因不会使用智能手机，在就医挂号、出行乘车、"
        "办理社保等方面遇到困难，部分公共服务场所取消了人工窗口，{street}老年人办事更加不便。",
        "proposals": "一是公共服务场所保留人工窗口和现金支付方式；"
        "二是在社区开设老年人智能手机培训班；"
        "三是推动常用应用程序适老化改造；四是组织志愿者开展“一对一”帮教。",
        "units": ["区民政局"],
        "co": ["区卫健局", "{street}办事处"],
        "done": "已在辖区开设智能手机培训班24期，"
        "培训老年人900余人次，医院、社保等窗口均保留人工服务",
        "plan": "志愿者“一对一”帮教活动已纳入明年社区服务项目",
    },
    {
        "category": Suggestion.Category.ENVIRONMENT,
        "title": "关于加强{street}内河水环境治理的建议",
        "reasons": "流经{street}的内河部分河段水体发黑发臭，沿岸存在雨污混接和生活垃圾入河现象，"
        "夏季蚊虫滋生，影响周边居民生活，群众希望尽快还清水于民。",
        "proposals": "一是排查整治沿河雨污混接点，截污纳管；二是实施河道清淤和生态修复；三是落实"
        "河长制，加强日常巡河保洁；四是建设滨河绿道，提升沿岸景观。",
        "units": ["区生态环境分局"],
        "co": ["区城管局", "区住建局"],
        "done": "已完成沿河雨污混接点整改27处和河道清淤，水质由劣五类提升至四类",
        "plan": "河道生态修复和滨河绿道工程已列入区重点项目，明年开工",
    },
    {
        "category": Suggestion.Category.URBAN,
        "title": "关于规范{road}地铁站周边共享单车停放管理的建议",
        "reasons": "{road}地铁站和商业区周边共享单车投放过多、停放无序，占用人行道、盲道甚至"
        "机动车道，影响行人通行和市容环境，早晚高峰又常常“一车难求”。",
        "proposals": "一是合理确定共享单车投放总量；"
        "二是在地铁站、商圈周边施划停放区并推行电子围栏；"
        "三是督促运营企业加强调度和清理；四是将乱停乱放行为纳入信用管理。",
        "units": ["区城管局"],
        "co": ["区交通运输局"],
        "done": "已在{road}沿线施划非机动车停放区28处并启用电子围栏，运营企业落实专人调度清理",
        "plan": "共享单车电子围栏全覆盖方案正在制定",
    },
    {
        "category": Suggestion.Category.ECONOMY,
        "title": "关于推进政务服务事项向{street}社区延伸的建议",
        "reasons": "目前社保、医保、民政等不少高频事项仍需到区行政服务中心办理，{street}居民特别是"
        "老年人往返路程远、排队时间长，社区便民服务站可办事项少。",
        "proposals": "一是梳理高频政务服务事项下放到街道、"
        "社区办理；二是在社区便民服务站设置自助终端；"
        "三是推行帮办代办服务；四是加强社区窗口人员业务培训。",
        "units": ["{street}办事处"],
        "co": ["区人社局", "区医保局"],
        "done": "已将68项高频事项下沉至街道便民服务中心办理，社区服务站配置自助终端并开展帮办代办",
        "plan": "第二批下沉事项清单正在梳理",
    },
    {
        "category": Suggestion.Category.SOCIAL,
        "title": "关于加强{school}周边食品安全监管的建议",
        "reasons": "{school}周边小餐饮、小食杂店较多，部分店铺证照不全，售卖“三无”食品和来源不明的"
        "零食，卫生条件差，存在食品安全隐患，家长十分担心。",
        "proposals": "一是开展校园周边食品安全专项整治；"
        "二是加强对小餐饮、小食杂店的日常监管和抽检；"
        "三是建立学校、家长、监管部门联动机制；四是加强学生食品安全教育。",
        "units": ["区市场监管局"],
        "co": ["区教育局"],
        "done": "已开展校园周边食品安全专项检查，查处违规经营户9家，下架“三无”食品一批，"
        "建立常态化抽检机制",
        "plan": "校园周边食品安全网格化监管已列入明年工作计划",
    },
    {
        "category": Suggestion.Category.GOVERNANCE,
        "title": "关于完善{community}老旧小区防汛排涝设施的建议",
        "reasons": "{community}部分老旧小区地势低、排水设施老化，汛期地下室和一楼住户屡次进水；"
        "小区缺少防汛物资储备和应急预案，居民应对暴雨等灾害的能力不足。",
        "proposals": "一是对老旧小区排水设施进行排查和改造；"
        "二是在低洼小区配备防汛挡板、水泵等物资；"
        "三是制定小区防汛应急预案并开展演练；四是建立汛期值守和预警机制。",
        "units": ["区应急管理局", "区住建局"],
        "co": ["{street}办事处"],
        "done": "已为{community}低洼小区配齐防汛物资，完成排水设施改造4处，组织防汛应急演练2次",
        "plan": "老旧小区排水改造已纳入明年老旧小区改造计划",
    },
    {
        "category": Suggestion.Category.OTHER,
        "title": "关于加强{community}代表联络站阵地建设的建议",
        "reasons": "{community}代表联络站设在社区办公用房内，面积较小，缺少独立接待室，选民反映问题"
        "不便；联络站工作经费未单列，信息化设备老旧，代表进站履职的保障不足。",
        "proposals": "一是统筹党群服务阵地资源，"
        "为联络站配置独立接待室；二是将联络站工作经费纳入街道"
        "年度预算；三是更新信息化设备，推行线上预约接待；四是完善代表进站接待制度。",
        "units": ["{street}办事处"],
        "co": [],
        "done": "已为{community}代表联络站调整用房并配置独立接待室，工作经费纳入街道年度预算",
        "plan": "联络站信息化改造已列入明年街道工作计划",
    },
]
# A visit raised as a suggestion takes one of these topics, by the visit's category.
VISIT_TOPICS = {
    "environment": [2, 16],
    "property": [14],
    "traffic": [1, 3, 9, 26],
    "housing": [0, 8],
    "social_security": [24, 27],
    "health": [11],
    "education": [10, 19],
    "employment": [22, 15],
    "safety": [6, 20],
    "other": [5, 4],
}
ANSWERS = {
    "A": "{unit}答复：收到建议后，我单位高度重视，成立专班研究办理，多次与领衔代表沟通并到现场"
    "察看。{done}。感谢代表对我们工作的关心和支持。",
    "B": "{unit}答复：代表所提建议符合实际，我单位已着手推进。{plan}。我们将加快进度，"
    "办理进展及时向代表反馈。",
    "C": "{unit}答复：代表所提建议很有意义，但受用地、资金等条件限制，目前暂不具备全面实施的条件。"
    "我们已将其列入规划研究，待条件成熟时逐步解决，并先行采取临时措施缓解群众困难。",
    "D": "{unit}答复：经研究，代表所提建议涉及的事项已有相关政策规定，我单位已向代表当面作了"
    "解释说明，建议内容将作为今后工作的参考。",
}
AGAIN = "{unit}再次答复：针对代表的意见，我单位主要负责同志带队与代表当面沟通，重新研究办理。"
EVALUATION_COMMENTS = {
    Suggestion.Evaluation.SATISFIED: [
        "承办单位办理认真，与代表沟通充分，问题已基本解决，群众满意。",
        "答复具体，措施到位，感谢承办单位。",
        "",
    ],
    Suggestion.Evaluation.BASICALLY_SATISFIED: [
        "办理态度较好，但部分问题仍需持续跟进落实。",
        "答复基本回应了建议，希望加快实施进度。",
    ],
    Suggestion.Evaluation.UNSATISFIED: [
        "答复内容空泛，未提出具体解决措施，也未与代表当面沟通，不满意。",
        "答复与建议内容不对应，现场问题依然存在，请重新办理。",
        "承办单位仅作了政策解释，群众反映的实际困难没有得到解决。",
    ],
}
RETURN_COMMENTS = [
    "案由部分请补充具体数据和调查情况，建议内容请进一步细化，增强可操作性。",
    "标题与内容不够对应，且涉及多个不同事项，请按“一事一议”分开提出。",
    "部分表述属于个案诉求，请结合面上情况进一步提炼，提出具有普遍性的建议。",
]
REVISIONS = "经进一步走访调查，相关问题涉及居民一千余户，群众反映较为集中。"
OPINION_REASONS = [
    "该建议反映的是个别小区的具体问题，不属于代表建议范畴，转为代表意见交相关单位研究处理。",
    "该建议与本次会议已立案的同类建议内容重复，转为意见并入办理。",
    "建议涉及的事项已进入诉讼程序，按规定不作为代表建议办理，转为意见函告相关部门。",
]
GIVE_BACK = "该建议所提事项不属于本单位职责范围，应由{unit}牵头办理，申请退回重新交办。"
CO_GIVE_BACK = "该事项与本单位职责关联不大，申请退出协办。"
CO_VIEWS = [
    "同意主办单位的办理思路，我单位将在职责范围内做好配合，并安排专人对接。",
    "建议主办单位统筹考虑资金来源，我单位可提供相关政策和技术支持。",
    "我单位已将相关事项纳入年度工作安排，配合主办单位一并推进。",
]
EXTENSION_REASONS = [
    "该建议涉及项目立项和资金安排，需提交区政府常务会议研究，申请延期答复。",
    "办理涉及多个部门协调和现场施工，三个月内难以形成完整答复，申请延期。",
]
SUPERVISION_NOTES = [
    "电话督促{unit}加快办理进度，对方表示本月内书面答复。",
    "向{unit}发出督办通知，要求按期答复并与领衔代表当面沟通。",
    "工委会同领衔代表到现场察看办理情况，督促{unit}落实。",
    "在街道建议办理推进会上通报进度，要求{unit}限期办结。",
]
FROM_VISIT = "代表在{station}接待选民时，群众反映：“{matter}”。"
POSTS = ["科长", "副科长", "副局长", "主任", "副主任"]


def seed(ctx):
    today = timezone.localdate()
    calendar = Calendar(seed_sessions(today), today)
    main = Street.objects.get(district=DISTRICT, name=MAIN_STREET)
    ours = Suggestion.objects.filter(street=main).exclude(lead__notes=BULK_NOTE)
    if not ours.exists():
        DemoBuilder(ctx.random("suggestions"), calendar).build(main)
    if ctx.scale > 1 and not Suggestion.objects.filter(lead__notes=BULK_NOTE).exists():
        # A generator of its own, so the volumes do not depend on whether the
        # detailed demo was built in this run or an earlier one.
        seed_bulk(ctx.random("suggestions-bulk"), ctx.scaled(SUGGESTIONS_PER_SCALE), calendar)


# Sessions


def session_openings(term):
    """(number, opening day) of a district term's sessions: the first when the
    term begins, then one around 10 January every year, as deputies/demo.py has
    the congress meet."""
    yield 1, term.starts_on
    for year in range(term.starts_on.year + 1, term.ends_on.year + 1):
        day = weekday(datetime.date(year, 1, 10))
        if day <= term.ends_on:
            yield year - term.starts_on.year + 1, day


def seed_sessions(today):
    """The district congress's sessions that opened by today, from the latest
    one that opened at least OLDEST_SESSION_DAYS ago."""
    openings = sorted(
        (
            (day, term, number)
            for term in seed_terms(today)[Level.DISTRICT]
            for number, day in session_openings(term)
            if day <= today
        ),
        key=lambda opening: opening[0],
    )
    oldest = min(openings[-1][0] - DAY, today - OLDEST_SESSION_DAYS * DAY)
    first = max(n for n, opening in enumerate(openings) if opening[0] <= oldest)
    sessions = []
    for day, term, number in openings[first:]:
        session, _created = CongressSession.objects.get_or_create(
            term=term,
            number=number,
            defaults={
                "opens_on": day,
                "closes_on": add_working_days(day, SITTING_WORKING_DAYS),
            },
        )
        sessions.append(session)
    return sessions


class Calendar:
    """The demo's sessions: which one a day belongs to, and the days they sit."""

    def __init__(self, sessions, today):
        self.sessions = sorted(sessions, key=lambda session: session.opens_on)
        self.today = today
        self.first = self.sessions[0].opens_on
        self.sitting = {}
        for session in self.sessions:
            day = session.opens_on
            while day <= min(session.closes_on, today):
                self.sitting[day] = session
                day += DAY

    def session_on(self, day):
        """The session sitting on the day or, between sessions, the one before."""
        return next(s for s in reversed(self.sessions) if s.opens_on <= day)

    def days(self, kind, low, high):
        """The days from low to high (within the demo's sessions and today) on
        which a suggestion of `kind` is submitted: a session's sitting days, or
        the working days between sessions."""
        low, high = max(low, self.first), min(high, self.today)
        if kind == DURING:
            return [day for day in self.sitting if low <= day <= high]
        days = (low + n * DAY for n in range((high - low).days + 1))
        return [day for day in days if day.weekday() < 5 and day not in self.sitting]

    def submission(self, rng, kind, low, high):
        """A day from low to high to submit a suggestion of `kind` on, or of the
        other kind when `kind` has none."""
        other = BETWEEN if kind == DURING else DURING
        days = self.days(kind, low, high) or self.days(other, low, high)
        return rng.choice(days) if days else max(self.first, min(high, self.today))


# Steps and timelines


def step_in_memory(suggestion, day, step, arguments, number=None):
    """A benchmark suggestion's step, at the day: the model's own method, without
    the rows the services write around it (BulkBuilder makes those)."""
    if step == "draft":
        return
    if step == "file_view" or (
        step == "give_back" and arguments["role"] != UnitAssignment.Role.LEAD
    ):
        suggestion.check_step(step)  # only the unit's part changes
        return
    if step == "give_back":
        step, arguments = "unassign", {}
    elif step == "assign":
        arguments = {}  # the units are the builder's
    elif step == "accept":
        arguments = {"number": number, "pending_cosigners": []}
    elif step == "answer":
        arguments = {**arguments, "answered_on": day}
    getattr(suggestion, step)(at=moment(day), **arguments)


@dataclass
class Plan:
    """A suggestion to build: who leads it, when it is submitted (drafted, for a
    draft) and its timeline [(day, step, arguments)]."""

    scenario: str
    day: datetime.date
    session: CongressSession
    lead: Deputy | None = None
    cosigners: list = field(default_factory=list)
    topic: dict | None = None
    visit: Visit | None = None
    steps: list = field(default_factory=list)
    # Set while it is built:
    names: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    suggestion: Suggestion | None = None

    @property
    def kind(self):
        return self.session.kind_on(self.day)

    def add(self, day, step, **arguments):
        self.steps.append((day, step, arguments))

    def in_order(self):
        """The steps by day; those of one day in the order they were planned."""
        order = sorted(range(len(self.steps)), key=lambda k: (self.steps[k][0], k))
        return [self.steps[k] for k in order]


class Seats:
    """The district seats of some deputies: who sits in a term on a day."""

    def __init__(self, deputies, terms):
        self.seats = defaultdict(list)
        memberships = Membership.objects.filter(deputy__in=deputies, term__in=terms)
        for deputy_id, term_id, began, ended in memberships.values_list(
            "deputy_id", "term_id", "began_on", "ended_on"
        ):
            self.seats[deputy_id].append((term_id, began, ended))

    def holds(self, deputy, term_id, day):
        return any(
            term == term_id and began <= day and (ended is None or day <= ended)
            for term, began, ended in self.seats.get(deputy.pk, ())
        )


# The detailed demo: scenario → the preferred kind of each of its suggestions
# (D: 大会建议, B: 闭会建议; the other kind when no day of the preferred one fits).
SCENARIOS = [
    ("draft", "BBBB"),
    ("submitted", "DBB"),
    ("returned", "BBD"),
    ("accepted", "DDD"),
    ("given_back", "DD"),
    ("opinion", "DDB"),
    ("green", "DDDDDB"),
    ("amber", "BB"),
    ("red", "DBB"),
    ("overdue", "DBB"),
    ("extended", "DDB"),
    ("reassigned", "DD"),
    ("answered", "DDDB"),
    ("rehandling", "DDB"),
    ("follow_up", "DDDD"),
    ("closed", "DDDDDDDB"),
    ("explained", "DDB"),
    ("solved", "DDD"),
    ("rehandled", "DDB"),
]
KINDS = {"D": DURING, "B": BETWEEN}
# Of these, the demo accounts `deputy` and `deputy2` lead every eighth, from the
# first and the fifth.
ACCOUNT_EVERY = 8
# Scenarios whose suggestion may have been raised from a visit still waiting for it.
FROM_VISITS = {"draft", "submitted", "returned", "accepted", "green", "amber", "red", "answered"}


class DemoBuilder:
    """The detailed demo of the main street, through the services."""

    def __init__(self, rng, calendar):
        self.rng, self.calendar, self.today = rng, calendar, calendar.today
        self.staff = User.objects.filter(username="staff").first()
        leader = User.objects.filter(username="leader").first()
        self.supervisors = [
            f"街道人大工委主任{leader.name if leader and leader.name else chinese_name(rng)}",
            f"区人大常委会副主任{chinese_name(rng)}",
        ]
        self.units = {unit.name: unit for unit in HandlingUnit.objects.filter(active=True)}
        self.titles = set()
        self.made = 0  # plans made so far

    def build(self, main):
        if self.staff is None or not self.units:
            return  # no one to take the staff's steps, or nowhere to assign
        self.deputies = list(
            Deputy.objects.filter(street=main)
            .exclude(notes=BULK_NOTE)
            .select_related("user", "community", "street")
            .order_by("pk")
        )
        terms = {session.term_id for session in self.calendar.sessions}
        self.seats = Seats(self.deputies, terms)
        self.accounts = sorted(
            (deputy for deputy in self.deputies if deputy.user_id),
            key=lambda deputy: deputy.user.username,
        )
        topics = list(range(len(TOPICS)))
        self.rng.shuffle(topics)
        self.topics = itertools.cycle(topics)
        plans = []
        for scenario, kinds in SCENARIOS:
            for n, kind in enumerate(kinds):
                self.made = len(plans)
                plans.append(getattr(self, scenario)(KINDS[kind], n))
        self.link_visits(plans, main)
        for plan in plans:
            self.resolve(plan)
        self.open_accounts({plan.lead for plan in plans}, main)
        self.run(plans)

    def open_accounts(self, leads, main):
        """Lead deputies submit and evaluate from their own login: the committee
        opens one (by phone number, no password yet) for each who has none."""
        for deputy in sorted(leads, key=lambda deputy: deputy.pk):
            if deputy.user_id is None:
                deputy.user = account(deputy.phone, Role.DEPUTY, main, deputy.name)
                deputy.save(update_fields=["user"])

    # Planning: who and when

    def pick(self, low, high):
        """A day from low to high (high when low is later), never after today."""
        high = min(high, self.today)
        if low >= high:
            return high
        return low + self.rng.randint(0, (high - low).days) * DAY

    def later(self, day, low, high):
        return min(day + self.rng.randint(low, high) * DAY, self.today)

    def chain(self, start, gaps):
        """One day after another from `start`, each (low, high) days after the
        last, shortened so that the last is by today."""
        days, day = [], start
        for n, (low, high) in enumerate(gaps):
            room = (self.today - day).days - (len(gaps) - n - 1)
            day += max(1, min(self.rng.randint(low, high), room)) * DAY
            days.append(day)
        return days

    def begin(self, scenario, kind, low, high):
        """A plan submitted (a draft: drafted) between low and high, its lead and co-signers."""
        rng = self.rng
        day = self.calendar.submission(rng, kind, low, high)
        plan = Plan(scenario, day, self.calendar.session_on(day))
        seated = [d for d in self.deputies if self.seats.holds(d, plan.session.term_id, day)]
        others = [d for d in seated if not d.user_id]
        account, turn = None, self.made % ACCOUNT_EVERY
        if turn in (0, ACCOUNT_EVERY // 2) and self.accounts:
            account = self.accounts[turn // (ACCOUNT_EVERY // 2) % len(self.accounts)]
        plan.lead = account if account in seated else rng.choice(others or seated)
        others = [d for d in others if d != plan.lead]
        plan.cosigners = rng.sample(others, min(len(others), rng.choice((0, 1, 2, 2, 3, 4))))
        # The demo accounts co-sign now and then, and are asked to on the newest.
        for deputy in self.accounts:
            newest = scenario in ("draft", "submitted")
            if deputy != plan.lead and deputy in seated and (newest or rng.random() < 0.15):
                plan.cosigners.append(deputy)
        plan.topic = TOPICS[next(self.topics)]
        return plan

    def drafting(self, plan, until, pending=False):
        """The draft, a few days before it is submitted, and the co-signers'
        answers by `until`; with `pending`, the demo accounts and some others
        have not answered yet."""
        rng = self.rng
        start = plan.day
        if plan.scenario != "draft":
            start -= rng.randint(0, 2 if plan.kind == DURING else 8) * DAY
        plan.add(start, "draft")
        for deputy in plan.cosigners:
            if pending and (deputy.user_id or rng.random() < 0.5):
                continue
            day = max(start, min(start + rng.randint(0, 4) * DAY, until))
            plan.add(day, "cosign", deputy=deputy, confirm=rng.random() < 0.9)

    def review(self, plan, accept, returned=False):
        """Drafted, submitted, perhaps returned and submitted again, and accepted."""
        self.drafting(plan, until=accept - DAY)
        plan.add(plan.day, "submit")
        span = (accept - plan.day).days
        if returned and span >= 4:
            back = plan.day + self.rng.randint(1, span - 3) * DAY
            again = self.pick(back + DAY, accept - DAY)
            plan.add(back, "return_for_revision", comment=self.rng.choice(RETURN_COMMENTS))
            plan.add(again, "revise")
            plan.add(again, "submit")
        plan.add(accept, "accept")

    def assigned(self, scenario, kind, low, high, co=0, wrong=False, returned=False):
        """A plan accepted and then assigned on a day from low to high, submitted
        4 to 45 days before (on a day of `kind` if one fits); returns it and the day."""
        plan = self.begin(scenario, kind, low - 45 * DAY, high - 4 * DAY)
        assign = self.pick(max(low, plan.day + 4 * DAY), min(high, plan.day + 45 * DAY))
        span = (assign - plan.day).days
        accept = plan.day + max(1, min(span - 1, round(span * self.rng.uniform(0.3, 0.7)))) * DAY
        self.review(plan, accept, returned)
        plan.add(assign, "assign", co=co, wrong=wrong)
        return plan, assign

    def by_deadline(self, scenario, kind, low, high, months=ANSWER_MONTHS, **options):
        """A plan assigned so that its answer, due `months` later, is due from
        `low` to `high` days from today; returns it and the day it was assigned."""
        back = relativedelta(months=months)
        first, last = (self.today + days * DAY - back for days in (low, high))
        return self.assigned(scenario, kind, first, last, **options)

    def view(self, plan, assign, answer):
        """A co-handling unit's view, within its month and before the answer."""
        due = add_months(assign, CO_HANDLER_VIEW_MONTHS)
        plan.add(self.pick(assign + 5 * DAY, min(due, answer - DAY)), "file_view")

    def key(self, plan, day, chases=1, until=None):
        """Under key supervision from `day`, and chased that many times after
        (by `until`, while units handle it)."""
        supervisor = self.rng.choice(self.supervisors)
        plan.add(day, "mark_key", supervisor=supervisor)
        self.chase(plan, day, chases, supervisor, until)

    def chase(self, plan, after, times, by="", until=None):
        """Supervision entries, by the committee unless `by` a leader."""
        until = min(after + 40 * DAY, until or self.today)
        for day in sorted(self.pick(after, until) for _n in range(times)):
            plan.add(day, "supervise", by=by)

    # Planning: the scenarios

    def draft(self, kind, n):
        plan = self.begin("draft", kind, self.today - 15 * DAY, self.today)
        self.drafting(plan, until=self.today, pending=True)
        return plan

    def submitted(self, kind, n):
        plan = self.begin("submitted", kind, self.today - 12 * DAY, self.today - DAY)
        self.drafting(plan, until=self.today, pending=True)
        plan.add(plan.day, "submit")
        return plan

    def returned(self, kind, n):
        plan = self.begin("returned", kind, self.today - 25 * DAY, self.today - 3 * DAY)
        self.drafting(plan, until=self.today)
        plan.add(plan.day, "submit")
        comment = self.rng.choice(RETURN_COMMENTS)
        plan.add(self.later(plan.day, 1, 3), "return_for_revision", comment=comment)
        return plan

    def accepted(self, kind, n):
        plan = self.begin("accepted", kind, self.today - 45 * DAY, self.today - 4 * DAY)
        accept = self.pick(max(plan.day + 2 * DAY, self.today - 20 * DAY), self.today - DAY)
        self.review(plan, accept)
        if n == 0:
            self.key(plan, self.later(accept, 0, 3))
        return plan

    def given_back(self, kind, n):
        """Accepted again: the lead unit it was assigned to gave it back."""
        low, high = self.today - 25 * DAY, self.today - 8 * DAY
        plan, assign = self.assigned("given_back", kind, low, high, co=n, wrong=True)
        back = min(add_working_days(assign, self.rng.randint(1, 6)), self.today)
        plan.add(back, "give_back", role=UnitAssignment.Role.LEAD)
        return plan

    def opinion(self, kind, n):
        plan = self.begin("opinion", kind, self.calendar.first, self.today - 10 * DAY)
        convert = self.later(plan.day, 3, 12)
        self.drafting(plan, until=convert - DAY)
        plan.add(plan.day, "submit")
        reason = OPINION_REASONS[n % len(OPINION_REASONS)]
        plan.add(convert, "convert_to_opinion", reason=reason)
        return plan

    def green(self, kind, n):
        low, high = self.today - 55 * DAY, self.today - 3 * DAY
        plan, assign = self.assigned("green", kind, low, high, co=n % 2, returned=n == 2)
        if n == 1:
            plan.add(self.later(assign, 5, 20), "file_view")
        if n == 3:
            back = min(add_working_days(assign, self.rng.randint(1, 5)), self.today)
            plan.add(back, "give_back", role=UnitAssignment.Role.CO)
        return plan

    def amber(self, kind, n):
        plan, _assign = self.by_deadline("amber", kind, 17, 27, co=int(n == 0))
        return plan

    def red(self, kind, n):
        plan, assign = self.by_deadline("red", kind, 1, 11, co=int(n == 1))
        if n == 0:
            self.chase(plan, assign + 60 * DAY, 1)
        return plan

    def overdue(self, kind, n):
        plan, assign = self.by_deadline("overdue", kind, -45, -4, co=int(n == 2))
        due = add_months(assign, ANSWER_MONTHS)
        if n == 0:
            self.key(plan, self.pick(assign + 20 * DAY, due), chases=2)
        else:
            self.chase(plan, due + DAY, 1)
        return plan

    def extended(self, kind, n):
        """Extended by 1 to 3 months: now due in a month or more, soon, or overdue."""
        months = self.rng.randint(1, 3)
        low, high = [(35, 80), (3, 25), (-30, -3)][n % 3]
        total = ANSWER_MONTHS + months
        plan, assign = self.by_deadline("extended", kind, low, high, total, co=int(n == 0))
        due = add_months(assign, ANSWER_MONTHS)
        reason = self.rng.choice(EXTENSION_REASONS)
        extend = self.pick(assign + 30 * DAY, due - DAY)
        plan.add(extend, "extend", months=months, reason=reason)
        if n == 2:
            self.key(plan, self.later(extend, 1, 10), chases=2)
        return plan

    def reassigned(self, kind, n):
        """Given back by the unit first assigned, and assigned to the right one."""
        low, high = self.today - 75 * DAY, self.today - 20 * DAY
        plan, first = self.assigned("reassigned", kind, low, high, wrong=True)
        back = min(add_working_days(first, self.rng.randint(2, 6)), self.today)
        plan.add(back, "give_back", role=UnitAssignment.Role.LEAD)
        plan.add(self.later(back, 2, 8), "assign", co=n % 2, wrong=False)
        return plan

    def answered(self, kind, n):
        """Awaiting the deputy's evaluation, answered in the last 20 days; one late."""
        late = n == 3
        (first, last), (quick, slow) = ((96, 130), (95, 110)) if late else ((26, 105), (25, 85))
        low, high = self.today - last * DAY, self.today - first * DAY
        plan, assign = self.assigned("answered", kind, low, high, co=n % 2)
        low, high = self.today - 20 * DAY, self.today - DAY
        answer = self.pick(max(assign + quick * DAY, low), min(assign + slow * DAY, high))
        if n % 2:
            self.view(plan, assign, answer)
        plan.add(answer, "answer", answer_class=self.rng.choice("ABBCD"))
        return plan

    def rehandling(self, kind, n):
        """Evaluated unsatisfied 3 to 25 days ago, handled again and due within
        the month; one evaluated 35 to 60 days ago, overdue."""
        recent, old = (35, 60) if n == 2 else (3, 25)
        today = self.today
        low, high = today - (old + 100) * DAY, today - (recent + 30) * DAY
        plan, assign = self.assigned("rehandling", kind, low, high)
        low, high = today - (old + 20) * DAY, today - (recent + 5) * DAY
        answer = self.pick(max(assign + 25 * DAY, low), min(assign + 80 * DAY, high))
        low, high = today - old * DAY, today - recent * DAY
        evaluated = self.pick(max(answer + 5 * DAY, low), min(answer + 20 * DAY, high))
        plan.add(answer, "answer", answer_class=self.rng.choice("BCD"))
        plan.add(evaluated, "evaluate", evaluation=UNSATISFIED)
        if n == 0:
            self.key(plan, self.later(evaluated, 1, 5))
        return plan

    def follow_up(self, kind, n):
        """B or C answers, evaluated: followed up until solved."""
        plan, days = self.answered_plan("follow_up", kind, n, 120, self.rng.choice("BBC"))
        plan.add(days[3], "evaluate", evaluation=self.rng.choice([SATISFIED, SATISFIED, BASICALLY]))
        return plan

    def closed(self, kind, n):
        plan, days = self.answered_plan("closed", kind, n, 100, "A")
        evaluation = SATISFIED if self.rng.random() < 0.8 else BASICALLY
        plan.add(days[3], "evaluate", evaluation=evaluation)
        if n == 2:
            assign, answer = days[1:3]
            self.key(plan, self.pick(assign + DAY, answer - 20 * DAY), until=answer - DAY)
        return plan

    def explained(self, kind, n):
        """D answers: kept for reference or explained, and closed."""
        plan, days = self.answered_plan("explained", kind, n, 100, "D")
        plan.add(days[3], "evaluate", evaluation=self.rng.choice([SATISFIED, BASICALLY, BASICALLY]))
        return plan

    def solved(self, kind, n):
        """Followed up and marked solved."""
        answer_class = self.rng.choice("BC")
        plan, days = self.answered_plan("solved", kind, n, 200, answer_class, [(30, 150)])
        plan.add(days[3], "evaluate", evaluation=SATISFIED)
        plan.add(days[4], "mark_solved")
        return plan

    def rehandled(self, kind, n):
        """Unsatisfied, handled again and answered within the month, evaluated again."""
        plan, days = self.answered_plan(
            "rehandled", kind, n, 160, self.rng.choice("BCD"), [(7, 28), (3, 15)]
        )
        plan.add(days[3], "evaluate", evaluation=UNSATISFIED)
        plan.add(days[4], "answer", answer_class="A" if n < 2 else "B")
        plan.add(days[5], "evaluate", evaluation=self.rng.choice([SATISFIED, BASICALLY]))
        return plan

    def answered_plan(self, scenario, kind, n, latest, answer_class, gaps=()):
        """handled(), with an evaluation (and `gaps`) after the answer."""
        plan = self.begin(scenario, kind, self.calendar.first, self.today - latest * DAY)
        days = self.chain(plan.day, [(3, 20), (3, 15), (20, 80), (5, 20), *gaps])
        accept, assign, answer = days[:3]
        self.review(plan, accept, returned=n == 1)
        co = int(n % 3 == 0)
        plan.add(assign, "assign", co=co)
        if co:
            self.view(plan, assign, answer)
        plan.add(answer, "answer", answer_class=answer_class)
        return plan, days

    def link_visits(self, plans, main):
        """A few visits the stations' demo escalated (raised as a suggestion) and
        that wait for it: a suggestion between sessions submitted after the
        visit, now led by a deputy who received it."""
        escalated = (
            Visit.objects.in_street(main)
            .filter(state=Visit.State.ESCALATED)
            .select_related("station")
            .prefetch_related("deputies")
            .order_by("received_on", "pk")
        )
        ours = {deputy.pk: deputy for deputy in self.deputies}
        linked = 0
        for visit in escalated:
            received_by = [ours[d.pk] for d in visit.deputies.all() if d.pk in ours]
            for plan in plans:
                if (
                    plan.visit
                    or plan.scenario not in FROM_VISITS
                    or plan.kind != BETWEEN
                    or plan.steps[0][0] < visit.received_on + 3 * DAY  # drafted after it
                ):
                    continue
                leads = [
                    deputy
                    for deputy in received_by
                    if self.seats.holds(deputy, plan.session.term_id, plan.day)
                    and (deputy == plan.lead or not plan.lead.user_id)
                ]
                if leads:
                    plan.visit, plan.lead = visit, leads[0]
                    plan.cosigners = [d for d in plan.cosigners if d != plan.lead]
                    plan.topic = TOPICS[self.rng.choice(VISIT_TOPICS[visit.category])]
                    linked += 1
                    break
            if linked == VISIT_LINKS:
                return

    # Building

    def resolve(self, plan):
        """The plan's words and units, from its topic and its lead's community."""
        rng, deputy = self.rng, plan.lead
        community = deputy.community.name if deputy.community else deputy.street.name
        plan.names = {
            "community": community,
            "road": road(community),
            "school": rng.choice(SCHOOLS),
            "street": deputy.street.name,
        }
        first = plan.topic["title"].format(**plan.names)
        variants = [first.replace("关于", f"关于{word}", 1) for word in ("进一步", "切实")]
        title = next((t for t in [first, *variants] if t not in self.titles), first)
        self.titles.add(title)
        plan.names["title"] = title

        def units(names):
            found = (self.units.get(name.format(**plan.names)) for name in names)
            return [unit for unit in found if unit]

        office = self.units.get(f"{deputy.street.name}办事处")
        leads = units(plan.topic["units"]) or [office or next(iter(self.units.values()))]
        lead = rng.choice(leads)
        departments = [
            unit
            for unit in self.units.values()
            if unit.kind == HandlingUnit.Kind.DEPARTMENT and unit not in leads
        ]
        co = units(plan.topic["co"]) + [office, *departments]
        co = list(dict.fromkeys(unit for unit in co if unit and unit != lead))[:2]
        # The unit first assigned by mistake, for the scenarios where it gives it back.
        wrong = [unit for unit in departments if unit not in co] or [office]
        plan.units = {"lead": lead, "co": co, "wrong": rng.choice(wrong)}

    def run(self, plans):
        """Every plan's steps through the services, in the order of their days,
        each at its moment of the day."""
        events = sorted(
            (day, n, k) for n, plan in enumerate(plans) for k, (day, *_r) in enumerate(plan.steps)
        )
        for day, n, k in events:
            plan = plans[n]
            _day, step, arguments = plan.steps[k]
            self.take(plan, day, moment(day, k), step, arguments)

    def take(self, plan, day, at, step, arguments):
        staff, lead = self.staff, plan.lead.user
        visits = [plan.visit] if plan.visit else []
        if step == "draft":
            reasons = plan.topic["reasons"].format(**plan.names)
            if plan.visit:
                station, matter = plan.visit.station.name, plan.visit.matter
                reasons = FROM_VISIT.format(station=station, matter=matter) + reasons
            suggestion = Suggestion(
                lead=plan.lead,
                session=plan.session,
                kind=plan.kind,
                title=plan.names["title"],
                category=plan.topic["category"],
                reasons=reasons,
                proposals=plan.topic["proposals"].format(**plan.names),
            )
            plan.suggestion = services.save_draft(suggestion, lead, plan.cosigners, visits, at=at)
            return
        suggestion = plan.suggestion
        if step == "revise":
            suggestion = Suggestion.objects.get(pk=suggestion.pk)
            suggestion.reasons += REVISIONS
            plan.suggestion = services.save_draft(suggestion, lead, plan.cosigners, visits, at=at)
        elif step == "cosign":
            deputy = arguments["deputy"]
            cosignature = suggestion.cosignatures.get(deputy=deputy)
            by = deputy.user or staff
            services.answer_invitation(cosignature, arguments["confirm"], by, at=at)
        elif step == "supervise":
            unit = plan.units["lead"]
            services.supervise(
                suggestion,
                staff,
                self.rng.choice(Supervision.Method.values),
                arguments["by"] or COMMITTEE.format(street=plan.names["street"]),
                self.rng.choice(SUPERVISION_NOTES).format(unit=unit),
                on=day,
            )
        else:
            by = lead if Suggestion.STEPS[step].who is lead_deputy else staff
            extra = self.step_arguments(plan, day, step, arguments)
            if extra.get("assignment", True) is None:
                return  # no such unit among those assigned
            plan.suggestion = workflow.take_step(suggestion, step, by, at=at, **extra)

    def step_arguments(self, plan, day, step, arguments):
        """What the service takes for the step: the units, the words."""
        rng, suggestion = self.rng, plan.suggestion
        if step == "assign":
            unit = plan.units["wrong" if arguments.get("wrong") else "lead"]
            return {
                "lead_unit": unit,
                "person_responsible": f"{chinese_name(rng)}（{rng.choice(POSTS)}）",
                "contact": unit.contact_phone or landline(rng),
                "co_units": plan.units["co"][: arguments["co"]],
            }
        if step == "give_back":
            role = arguments["role"]
            part = suggestion.assignments.filter(returned_on=None, role=role).first()
            lead = role == UnitAssignment.Role.LEAD
            reason = GIVE_BACK.format(unit=plan.units["lead"]) if lead else CO_GIVE_BACK
            return {"assignment": part, "reason": reason}
        if step == "file_view":
            part = suggestion.assignments.filter(
                returned_on=None, role=UnitAssignment.Role.CO, view_filed_on=None
            ).first()
            return {"assignment": part, "view": rng.choice(CO_VIEWS)}
        if step == "answer":
            answer_class = arguments["answer_class"]
            names = {**plan.names, "unit": plan.units["lead"]}
            text = ANSWERS[answer_class].format(
                **names,
                done=plan.topic["done"].format(**names),
                plan=plan.topic["plan"].format(**names),
            )
            if suggestion.times_rehandled:
                text = AGAIN.format(unit=names["unit"]) + text.split("：", 1)[1]
            return {"text": text, "answer_class": answer_class, "answered_on": day}
        if step == "evaluate":
            evaluation = arguments["evaluation"]
            return {
                "evaluation": evaluation,
                "comment": rng.choice(EVALUATION_COMMENTS[evaluation]),
            }
        return arguments


# Benchmark volumes

# Shares of the benchmark suggestions submitted while a session sits (大会建议)
# and between sessions (闭会建议).
BULK_KINDS = {DURING: 60, BETWEEN: 40}
BULK_ANSWER_CLASSES = {"A": 45, "B": 30, "C": 12, "D": 13}
BULK_EVALUATIONS = {SATISFIED: 70, BASICALLY: 24, UNSATISFIED: 6}
BULK_CO_UNITS = {0: 70, 1: 24, 2: 6}
BULK_COSIGNERS = {0: 45, 1: 35, 2: 20}


def pick_weighted(rng, weights):
    return rng.choices(list(weights), list(weights.values()))[0]


def bulk_timeline(rng, submitted, kind, today):
    """Every step of a benchmark suggestion submitted on the day, [(day, step,
    arguments)], up to today. Most are answered within the deadline, some late
    and a few never: overdue."""
    during = kind == DURING
    steps = [(submitted - rng.randint(0, 2 if during else 8) * DAY, "draft", {})]
    if submitted >= today - 30 * DAY and rng.random() < 0.2:
        return steps  # still being written
    steps.append((submitted, "submit", {}))
    day, roll = submitted, rng.random()
    if roll < 0.03:
        reason = rng.choice(OPINION_REASONS)
        steps.append((day + rng.randint(3, 15) * DAY, "convert_to_opinion", {"reason": reason}))
        return _up_to(steps, today)
    if roll < 0.1:
        day += rng.randint(1, 5) * DAY
        steps.append((day, "return_for_revision", {"comment": rng.choice(RETURN_COMMENTS)}))
        day += rng.randint(3, 30) * DAY
        steps.append((day, "submit", {}))
    day += rng.randint(*((5, 30) if during else (2, 12))) * DAY
    steps.append((day, "accept", {}))
    co = pick_weighted(rng, BULK_CO_UNITS)
    day += rng.randint(2, 20) * DAY
    steps.append((day, "assign", {"co": co}))
    if rng.random() < 0.03:
        day = add_working_days(day, rng.randint(1, 7))
        steps.append((day, "give_back", {"role": UnitAssignment.Role.LEAD}))
        day += rng.randint(2, 10) * DAY
        steps.append((day, "assign", {"co": co}))
    assigned, due = day, add_months(day, ANSWER_MONTHS)
    extension = None
    if rng.random() < 0.06:
        months = rng.randint(1, 3)
        reason = rng.choice(EXTENSION_REASONS)
        extension = (
            assigned + rng.randint(40, 80) * DAY,
            "extend",
            {"months": months, "reason": reason},
        )
        due = add_months(assigned, ANSWER_MONTHS + months)
    roll = rng.random()
    if roll < 0.83:
        answered = assigned + rng.randint(15, max(15, (due - assigned).days - 1)) * DAY
    elif roll < 0.96:
        answered = due + rng.randint(1, 45) * DAY
    else:
        answered = due + 400 * DAY  # never
    # What happens while the units handle it, before the answer.
    side = [
        (assigned + rng.randint(5, 35) * DAY, "file_view", {})
        for _n in range(co)
        if rng.random() < 0.85
    ]
    if extension:
        side.append(extension)
    if rng.random() < 0.02:
        supervisor = f"区人大常委会副主任{chinese_name(rng)}"
        side.append((assigned + rng.randint(1, 30) * DAY, "mark_key", {"supervisor": supervisor}))
    steps += sorted((step for step in side if step[0] < answered), key=lambda step: step[0])
    answer_class = pick_weighted(rng, BULK_ANSWER_CLASSES)
    steps.append((answered, "answer", {"answer_class": answer_class}))
    day = answered + rng.randint(3, 25) * DAY
    evaluation = pick_weighted(rng, BULK_EVALUATIONS)
    steps.append((day, "evaluate", {"evaluation": evaluation}))
    if evaluation == UNSATISFIED:
        day += rng.randint(7, 40) * DAY
        answer_class = rng.choices("ABC", (50, 40, 10))[0]
        steps.append((day, "answer", {"answer_class": answer_class}))
        day += rng.randint(3, 20) * DAY
        evaluation = rng.choice([SATISFIED, BASICALLY])
        steps.append((day, "evaluate", {"evaluation": evaluation}))
    if answer_class in Suggestion.FOLLOWED_UP_CLASSES and rng.random() < 0.5:
        steps.append((day + rng.randint(30, 240) * DAY, "mark_solved", {}))
    return _up_to(steps, today)


def _up_to(steps, today):
    return list(itertools.takewhile(lambda step: step[0] <= today, steps))


class BulkBuilder:
    """The benchmark suggestions, in batches, with their co-signatures, unit
    assignments and answers."""

    def __init__(self, rng, calendar):
        self.rng, self.calendar, self.today = rng, calendar, calendar.today
        self.units = {unit.name: unit for unit in HandlingUnit.objects.filter(active=True)}
        self.departments = [
            unit for unit in self.units.values() if unit.kind == HandlingUnit.Kind.DEPARTMENT
        ]
        self.words = {}  # (topic, community, street) → the words and units of a suggestion
        self.answers = {}  # (topic, community, street, unit, class) → the answer's text
        sessions = [session.pk for session in calendar.sessions]
        numbered = Suggestion.objects.filter(session__in=sessions).values_list("session")
        self.numbers = dict(numbered.annotate(last=Max("number")))
        # term pk → [(deputy pk, street pk, street, community)]; (term, street) → deputy pks
        self.deputies, self.streets = defaultdict(list), defaultdict(list)
        seats = Membership.objects.filter(
            deputy__notes=BULK_NOTE, term__in={session.term_id for session in calendar.sessions}
        ).order_by("pk")
        for term, deputy, street_pk, street, community in seats.values_list(
            "term_id",
            "deputy_id",
            "deputy__street_id",
            "deputy__street__name",
            "deputy__community__name",
        ):
            self.deputies[term].append((deputy, street_pk, street, community or street))
            self.streets[term, street_pk].append(deputy)

    def submission_days(self, count):
        """{day: how many are submitted that day}, over the sessions whose term
        has benchmark deputies."""
        days, weights = [], []
        for kind, share in BULK_KINDS.items():
            these = [
                day
                for day in self.calendar.days(kind, self.calendar.first, self.today)
                if self.calendar.session_on(day).term_id in self.deputies
            ]
            days += these
            weights += [share / len(these)] * len(these) if these else []
        return Counter(self.rng.choices(days, weights, k=count)) if days else Counter()

    def build(self, count):
        batch = []
        per_day = self.submission_days(count)
        for day in sorted(per_day):
            session = self.calendar.session_on(day)
            for _n in range(per_day[day]):
                batch.append(self.suggestion(session, day))
                if len(batch) == BATCH:
                    self.write(batch)
                    batch = []
        self.write(batch)

    def wording(self, topic, community, street):
        key = (topic, community, street)
        if key not in self.words:
            words = TOPICS[topic]
            names = {
                "community": community,
                "road": road(community),
                "school": self.rng.choice(SCHOOLS),
                "street": street,
            }
            found = (self.units.get(name.format(**names)) for name in words["units"])
            leads = [unit for unit in found if unit] or [self.units.get(f"{street}办事处")]
            leads = [unit for unit in leads if unit] or self.departments
            co = [self.units.get(name.format(**names)) for name in words["co"]]
            co += [self.units.get(f"{street}办事处")] + self.departments
            self.words[key] = (
                words["title"].format(**names),
                words["reasons"].format(**names),
                words["proposals"].format(**names),
                names,
                leads,
                list(dict.fromkeys(unit for unit in co if unit)),
            )
        return self.words[key]

    def answer_text(self, topic, names, unit, answer_class, again):
        key = (topic, names["community"], names["street"], unit.pk, answer_class, again)
        if key not in self.answers:
            words, names = TOPICS[topic], {**names, "unit": unit}
            text = ANSWERS[answer_class].format(
                **names, done=words["done"].format(**names), plan=words["plan"].format(**names)
            )
            if again:
                text = AGAIN.format(unit=unit) + text.split("：", 1)[1]
            self.answers[key] = text
        return self.answers[key]

    def suggestion(self, session, submitted):
        """A benchmark suggestion and the rows that go with it, not yet saved."""
        rng = self.rng
        lead, street_pk, street, community = rng.choice(self.deputies[session.term_id])
        topic = rng.randrange(len(TOPICS))
        title, reasons, proposals, names, leads, co_units = self.wording(topic, community, street)
        kind = session.kind_on(submitted)
        suggestion = Suggestion(
            street_id=street_pk,
            session=session,
            kind=kind,
            title=title,
            category=TOPICS[topic]["category"],
            reasons=reasons,
            proposals=proposals,
            lead_id=lead,
        )
        steps = bulk_timeline(rng, submitted, kind, self.today)
        suggestion.created_at = moment(steps[0][0])
        parts, answers = [], []
        for day, step, arguments in steps:
            number = None
            if step == "accept":
                number = self.numbers[session.pk] = self.numbers.get(session.pk, 0) + 1
            step_in_memory(suggestion, day, step, arguments, number)
            if step == "assign":
                unit = rng.choice(leads)
                others = [u for u in co_units if u != unit][: arguments["co"]]
                parts += self.assignment(suggestion, unit, UnitAssignment.Role.LEAD, day)
                for other in others:
                    parts += self.assignment(suggestion, other, UnitAssignment.Role.CO, day)
            elif step == "give_back":
                for part in parts:
                    if part.returned_on is None:
                        part.returned_on, part.return_reason = (
                            day,
                            GIVE_BACK.format(unit=rng.choice(leads)),
                        )
            elif step == "file_view":
                part = next(
                    (
                        p
                        for p in parts
                        if p.role == UnitAssignment.Role.CO
                        and not p.returned_on
                        and not p.view_filed_on
                    ),
                    None,
                )
                if part:
                    part.view, part.view_filed_on = rng.choice(CO_VIEWS), day
            elif step == "answer":
                unit = next(
                    p.unit
                    for p in parts
                    if p.role == UnitAssignment.Role.LEAD and not p.returned_on
                )
                text = self.answer_text(
                    topic, names, unit, arguments["answer_class"], bool(suggestion.times_rehandled)
                )
                answers.append(
                    Answer(
                        suggestion=suggestion,
                        round=suggestion.times_rehandled + 1,
                        text=text,
                        answer_class=arguments["answer_class"],
                        answered_on=day,
                    )
                )
            elif step == "evaluate":
                answer = answers[-1]
                answer.evaluation, answer.evaluated_on = arguments["evaluation"], day
                answer.evaluation_comment = rng.choice(EVALUATION_COMMENTS[answer.evaluation])
        cosignatures = self.cosignatures(suggestion, session, street_pk, lead, steps[0][0])
        return suggestion, cosignatures, parts, answers

    def assignment(self, suggestion, unit, role, day):
        co = role == UnitAssignment.Role.CO
        return [
            UnitAssignment(
                suggestion=suggestion,
                unit=unit,
                role=role,
                person_responsible=unit.contact_person,
                contact=unit.contact_phone,
                assigned_on=day,
                view_due=add_months(day, CO_HANDLER_VIEW_MONTHS) if co else None,
            )
        ]

    def cosignatures(self, suggestion, session, street_pk, lead, drafted):
        rng = self.rng
        others = self.streets[session.term_id, street_pk]
        count = min(pick_weighted(rng, BULK_COSIGNERS), len(others) - 1)
        chosen = [pk for pk in rng.sample(others, count + 1) if pk != lead][:count]
        rows = []
        for deputy in chosen:
            if suggestion.state in CoSignature.OPEN_TO_ANSWER and rng.random() < 0.3:
                state, answered_at = CoSignature.State.INVITED, None
            else:
                confirmed = rng.random() < 0.93
                state = CoSignature.State.CONFIRMED if confirmed else CoSignature.State.DECLINED
                answered_at = moment(min(drafted + rng.randint(0, 3) * DAY, self.today), 1)
            rows.append(
                CoSignature(
                    suggestion=suggestion, deputy_id=deputy, state=state, answered_at=answered_at
                )
            )
        return rows

    def write(self, batch):
        if not batch:
            return
        Suggestion.objects.bulk_create([row[0] for row in batch])
        for index, model in ((1, CoSignature), (2, UnitAssignment), (3, Answer)):
            rows = [obj for row in batch for obj in row[index]]
            for obj in rows:
                obj.suggestion_id = obj.suggestion.pk
            model.objects.bulk_create(rows, batch_size=BATCH)


def seed_bulk(rng, count, calendar):
    """`count` suggestions led by the benchmark deputies of every street who sit
    in the district congress. For speed this bypasses the services and
    django-simple-history (no history, steps, points or supervision entries) and
    writes with bulk_create in batches; the steps are the model's own methods,
    at the days of each suggestion's timeline (`step_in_memory`)."""
    BulkBuilder(rng, calendar).build(count)
