/* Propose a change to any numbered paragraph (§2.4.3.5), milestone (M7) or task (T7).
   Touching the number opens a small dialog: a GitHub issue form in the reader's language,
   prefilled with the page, the number, the language and the passage (trimmed so that the address
   stays under 2,000 characters); an e-mail to the working group; the permanent link. Nothing is
   requested from another host until the reader follows one of these links. The settings and
   words come from the page (<script id="roadmap-propose" type="application/json">, written by
   hooks/paragraphs.py from data/edition.yml and data/i18n/<lang>.yml). */
(function () {
  var config = document.getElementById("roadmap-propose");
  if (!config) return;
  config = JSON.parse(config.textContent);
  var t = config.strings, dialog, opener;

  function passage(target) {
    var copy = target.cloneNode(true);
    copy.querySelectorAll(".roadmap-para, .roadmap-number, .headerlink, sup, .cs-status").forEach(function (e) { e.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function github(number, text) {
    var base = "https://github.com/" + config.repository + "/issues/new?";
    var fields = { template: "proposal-" + config.lang + ".yml", title: number + ": ", paragraph: number,
                   language: config.lang, page: location.href.split("#")[0] + "#" + (targetId || "") };
    var query = Object.keys(fields).map(function (k) { return k + "=" + encodeURIComponent(fields[k]); }).join("&");
    var words = text.split(" ");
    var url = base + query + "&passage=" + encodeURIComponent(text);
    while (url.length > 2000 && words.length) {  // trim the quotation, never the rest
      words.pop();
      url = base + query + "&passage=" + encodeURIComponent(words.join(" ") + " …");
    }
    return url;
  }

  function mail(number, text) {
    var body = number + "\n" + location.href.split("#")[0] + "#" + (targetId || "") + "\n\n> " + text.slice(0, 600) + "\n\n";
    return "mailto:" + config.email + "?subject=" + encodeURIComponent(config.subject + " " + number) +
      "&body=" + encodeURIComponent(body);
  }

  var targetId;

  function open(link) {
    var number = link.getAttribute("data-propose") || link.textContent.trim();
    var target = link.closest("[id]") || link.parentElement;
    targetId = target.id;
    var text = passage(target);
    if (!dialog) {
      dialog = document.createElement("div");
      dialog.className = "roadmap-propose";
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-modal", "false");
      dialog.hidden = true;
      document.body.appendChild(dialog);
      dialog.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
    }
    dialog.innerHTML = "";
    var title = document.createElement("p");
    title.className = "roadmap-propose__title";
    title.id = "roadmap-propose-title";
    title.textContent = t.title.replace("{number}", number);
    dialog.setAttribute("aria-labelledby", title.id);
    dialog.appendChild(title);
    var list = document.createElement("ul");
    [[github(number, text), t.github, t.github_help],
     [mail(number, text), t.email, t.email_help]].forEach(function (item) {
      var li = document.createElement("li"), a = document.createElement("a"), small = document.createElement("small");
      a.href = item[0];
      a.textContent = item[1];
      if (item[0].indexOf("https:") === 0) { a.target = "_blank"; a.rel = "noopener"; }
      small.textContent = item[2];
      li.appendChild(a);
      li.appendChild(document.createElement("br"));
      li.appendChild(small);
      list.appendChild(li);
    });
    var copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = t.copy;
    copy.addEventListener("click", function () {
      var url = location.href.split("#")[0] + "#" + targetId;
      (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject()).then(
        function () { copy.textContent = t.copied; }, function () { location.hash = targetId; });
    });
    var li = document.createElement("li");
    li.appendChild(copy);
    list.appendChild(li);
    dialog.appendChild(list);
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "roadmap-propose__close";
    shut.setAttribute("aria-label", t.close);
    shut.textContent = "×";
    shut.addEventListener("click", close);
    dialog.appendChild(shut);
    var box = link.getBoundingClientRect();
    dialog.style.top = (window.scrollY + box.bottom + 6) + "px";
    dialog.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 300)) + "px";
    dialog.hidden = false;
    opener = link;
    dialog.querySelector("a").focus();
  }

  function close() {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    if (opener) opener.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.roadmap-para, a.roadmap-number");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
      open(link);
    } else if (dialog && !dialog.hidden && !dialog.contains(event.target)) {
      close();
    }
  });
})();
