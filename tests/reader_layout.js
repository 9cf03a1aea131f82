// What sticks out on the page as it is laid out now (tests/test_reader_pages.py): returns one line
// per problem. An element sticks out when it reaches past the viewport (and no scroll box holds
// it), or past its parent's box; on a desktop, a grid also must not need scrolling sideways.
const desktop = arguments[0];
const width = document.documentElement.clientWidth;
const problems = [];
const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "");
const text = el => (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
if (document.documentElement.scrollWidth > width + 1)
  problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
function shown(el) {
  for (let a = el; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") return false;
  }
  return true;
}
function scrollBox(el) {  // the nearest ancestor that scrolls or clips sideways
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== "visible") return a;
  }
  return null;
}
for (const root of document.querySelectorAll(".md-header, .md-tabs, .md-content, .md-footer")) {
  for (const el of root.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || !shown(el)) continue;
    const box = scrollBox(el);
    if (!box && (r.right > width + 1 || r.left < -1)) {
      problems.push(`${name(el)} «${text(el)}» reaches ${Math.round(r.left)}–${Math.round(r.right)} px in a ${width} px viewport`);
      continue;
    }
    const parent = el.parentElement;
    if (!parent || parent === box || ["absolute", "fixed"].includes(getComputedStyle(el).position)) continue;
    const p = parent.getBoundingClientRect();
    if (r.right > p.right + 1 || r.left < p.left - 1) {
      problems.push(`${name(el)} «${text(el)}» sticks out of ${name(parent)} ` +
        `(${Math.round(r.left)}–${Math.round(r.right)} px in ${Math.round(p.left)}–${Math.round(p.right)} px)`);
    }
  }
}
if (desktop) {
  for (const grid of document.querySelectorAll(".md-content .roadmap-grid, .md-content .md-typeset__scrollwrap")) {
    if (grid.scrollWidth > grid.clientWidth + 1)
      problems.push(`${name(grid)} «${text(grid)}» is ${grid.scrollWidth} px wide in its ${grid.clientWidth} px box`);
  }
}
return problems.slice(0, 20);
