/* A page showing work in progress (an element marked data-busy: a PDF being rendered)
   reloads itself every 5 seconds until the work is done. */
if (document.querySelector("[data-busy]")) {
  window.setTimeout(function () { window.location.reload(); }, 5000);
}
