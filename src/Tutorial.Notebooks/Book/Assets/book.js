// Typesets the math on each page with the vendored KaTeX (no network).
document.addEventListener("DOMContentLoaded", function () {
  if (typeof renderMathInElement !== "function") { console.error("KaTeX auto-render did not load"); return; }
  document.querySelectorAll("section.md, div.out.md, ol.chapters .summary, ol.chapters li > a, nav.pager a").forEach(function (el) {
    renderMathInElement(el, {
      delimiters: [
        { left: "\\[", right: "\\]", display: true },
        { left: "$$", right: "$$", display: true },
        { left: "\\(", right: "\\)", display: false },
        { left: "$", right: "$", display: false }
      ],
      throwOnError: false
    });
  });
});
