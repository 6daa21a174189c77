/* Main navigation on small screens: a "Menu" button shows and hides the links.
   Without JavaScript the button stays hidden and the links are always shown. */
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  function init() {
    var button = document.querySelector(".nav-toggle");
    var nav = document.getElementById("navigation-principale");
    if (!button || !nav) {
      return;
    }
    button.hidden = false;
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
