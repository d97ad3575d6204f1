// "Copy" buttons beside the citations of each "Cite this" block. Loaded from the site itself (the
// Content-Security-Policy allows 'self'), so no inline script is needed. Without JavaScript, or
// without the clipboard API, no button appears and the citations stay plain, selectable text.
// The button's words come from the block (data-copy, data-copied), written by the build in the
// page's language.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll(".cite-this[data-copy]").forEach(function (block) {
    block.querySelectorAll(".cite-this__text").forEach(function (text) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-copy";
      button.textContent = block.dataset.copy;
      var status = document.createElement("span");
      status.className = "cite-copy__status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(text.textContent.replace(/\s+/g, " ").trim()).then(function () {
          status.textContent = block.dataset.copied;
          window.setTimeout(function () {
            status.textContent = "";
          }, 3000);
        });
      });
      text.after(button, status);
    });
  });
})();
