/* The filter of the action plan (hooks/action_plan.html). The form is in the page from the start
   (nothing moves when this script runs); without JavaScript a <noscript> style hides it and every
   task is shown. Each task carries data-stage, data-direction, data-years and
   data-actors; headings and groups carry data-roadmap-group, hidden when none of their tasks is
   shown. Safe to run more than once on the same page. */
(function () {
  "use strict";

  function has(list, value) {
    return (" " + list + " ").indexOf(" " + value + " ") >= 0;
  }

  function setUp() {
    var form = document.querySelector("form[data-roadmap-filter]");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "true");
    var tasks = Array.prototype.slice.call(document.querySelectorAll(".roadmap-task"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-roadmap-group]"));
    var count = form.querySelector(".roadmap-filter-count");

    function apply() {
      var want = {
        direction: form.elements.direction.value,
        stage: form.elements.stage.value,
        year: form.elements.year.value,
        actor: form.elements.actor.value
      };
      var visible = {};
      var shown = 0;
      tasks.forEach(function (task) {
        var d = task.dataset;
        var show = (!want.direction || d.direction === want.direction) &&
          (!want.stage || d.stage === want.stage) &&
          (!want.year || has(d.years, want.year)) &&
          (!want.actor || has(d.actors, want.actor));
        task.hidden = !show;
        if (show) {
          shown += 1;
          visible[d.stage] = true;
          visible[d.stage + "-" + d.direction] = true;
        }
      });
      groups.forEach(function (group) {
        if (group === form) return;
        group.hidden = !group.getAttribute("data-roadmap-group").split(" ").every(function (key) {
          return visible[key];
        });
      });
      if (count) {
        count.textContent = form.getAttribute("data-count")
          .replace("{shown}", shown).replace("{total}", tasks.length);
      }
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  /* Material's instant navigation, should it be switched on, replaces pages without a reload. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
})();
