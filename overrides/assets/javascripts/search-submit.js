// The search form's submit button (overrides/partials/search.html) does what Enter does in
// Material's search box: it opens the best-scoring result. The form is never sent anywhere
// (the page's Content-Security-Policy says form-action 'none'); with no result, the button
// puts the reader back in the search box. (An empty box never gets here: the field is
// `required`, so the browser asks for a query first.)
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains("md-search__form")) return;
  event.preventDefault();
  let best = null;
  let bestScore = -Infinity;
  for (const link of document.querySelectorAll(".md-search-result__item > a.md-search-result__link:first-child")) {
    const score = Number.parseFloat(link.firstElementChild?.getAttribute("data-md-score") ?? "");
    if (score > bestScore) {
      best = link;
      bestScore = score;
    }
  }
  if (best) best.click();
  else form.elements.namedItem("query")?.focus();
});
