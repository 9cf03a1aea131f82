{#- Requests on demand. Material for MkDocs asks for the sitemap of every other language on every
   page (to fix the language switcher's links, which mkdocs-static-i18n already makes right): six
   requests, 404s on this site, are not sent. And search on demand, in the reader's language (see
   hooks/search_index.py).
   Material for MkDocs downloads the search index of all seven languages on every page load.
   This script, run before Material's bundle, redirects that request to the index of the page's
   language (search/search_index.<lang>.json) and holds it back until the reader shows they want
   to search: focus in the search field, a click on the search icon, or a search shortcut key.
   Material's search worker (40 KB) waits for the same moment.
   (Jinja comments, like this one, are not sent to readers.) -#}
(function () {
  var lang = document.documentElement.lang || "en";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var wanted = false;
  var waiting = [];
  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    var address = String(url);
    this.roadmapSitemap = /\/sitemap\.xml$/.test(address);
    if (/\/search\/search_index\.json$/.test(address)) {
      this.roadmapSearchIndex = true;
      arguments[1] = address.replace(/search_index\.json$/, "search_index." + lang + ".json");
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.roadmapSitemap) {  {# the language switcher's links are already right (mkdocs-static-i18n) #}
      setTimeout(function () { request.dispatchEvent(new Event("abort")); });
      return;
    }
    if (request.roadmapSearchIndex && !wanted) {
      waiting.push(function () { send.apply(request, args); });
      return;
    }
    return send.apply(request, args);
  };
  {# Material starts its search worker (40 KB) on every page: start it when the reader searches. #}
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (wanted || !/search/.test(String(url))) return new RealWorker(url, options);
      var proxy = document.createDocumentFragment(), real = null, queue = [];
      proxy.postMessage = function (message) { real ? real.postMessage(message) : queue.push(message); };
      proxy.terminate = function () { if (real) real.terminate(); };
      waiting.push(function () {
        real = new RealWorker(url, options);
        real.addEventListener("message", function (event) {
          proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      });
      return proxy;
    };
    window.Worker.prototype = RealWorker.prototype;
  }
  {# Uzbek readers type oʻ and gʻ four ways (ʻ ‘ ' `, or no apostrophe): the query drops them, #}
  {# and the index holds each such word without them too (hooks/search_index.py). #}
  if (lang === "uz" && window.Worker) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && typeof message.data === "string") {
        message = Object.assign({}, message, { data: message.data.replace(/[\u02bb\u02bc\u2018\u2019'`]/g, "") });
      }
      return post.apply(this, [message].concat([].slice.call(arguments, 1)));
    };
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") want();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "f") want();
  });
})();
