/* Searchable selects (congress_portal.widgets): Tom Select over select[data-picker].
   With data-picker-url the options come from that URL as the user types, so a page
   never carries a street's thousand deputies. */
(function () {
  "use strict";

  function escape(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function remote(url) {
    return {
      valueField: "value",
      labelField: "text",
      searchField: ["text", "community"],
      shouldLoad: function (query) { return query.length > 0; },
      load: function (query, callback) {
        fetch(`${url}?q=${encodeURIComponent(query)}`, { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) { callback(data.results); })
          .catch(function () { callback(); });
      },
      render: {
        option: function (item) {
          const community = item.community ? ` <small class="text-body-secondary">${escape(item.community)}</small>` : "";
          return `<div>${escape(item.text)}${community}</div>`;
        },
      },
    };
  }

  for (const select of document.querySelectorAll("select[data-picker]")) {
    const options = {
      plugins: select.multiple ? { remove_button: { title: select.dataset.remove } } : [],
      maxOptions: 50,
      closeAfterSelect: true,
      placeholder: select.dataset.placeholder,
      render: {},
    };
    if (select.dataset.pickerUrl) Object.assign(options, remote(select.dataset.pickerUrl));
    options.render.no_results = function () {
      return `<div class="no-results">${escape(select.dataset.noResults)}</div>`;
    };
    new TomSelect(select, options);
  }
})();
