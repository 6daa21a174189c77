/*
 * Page « Intégrer nos contenus » : met à jour l'aperçu, le code à copier et les adresses dès qu'un champ change.
 * Sans JavaScript, le formulaire fonctionne seul (GET) : ce script ne fait que l'améliorer. Le serveur reste la
 * seule source du code et des adresses : le script lui redemande la page et en reprend les parties utiles.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-embed-form]");
  if (!form || !window.fetch || !window.DOMParser) {
    return;
  }
  var kindFilters = JSON.parse(document.getElementById("embed-kind-filters").textContent);
  var OPTIONAL_FIELDS = ["department", "theme", "audience", "commune"];
  var pending = null;
  var timer = null;

  function showFieldsFor(kind) {
    var wanted = kindFilters[kind] || [];
    OPTIONAL_FIELDS.forEach(function (name) {
      var wrapper = form.querySelector("[data-embed-field='" + name + "']");
      if (wrapper) {
        wrapper.hidden = wanted.indexOf(name) === -1;
      }
    });
  }

  function replaceFrom(doc, selector) {
    var current = document.querySelector(selector);
    var fresh = doc.querySelector(selector);
    if (current && fresh) {
      current.replaceWith(document.importNode(fresh, true));
    }
  }

  function copyErrors(doc) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-embed-field]"), function (wrapper) {
      var name = wrapper.getAttribute("data-embed-field");
      var fresh = doc.querySelector("[data-embed-field='" + name + "']");
      var oldError = wrapper.querySelector(".form-field__error");
      if (oldError) {
        oldError.remove();
      }
      wrapper.classList.remove("form-field--error");
      var newError = fresh && fresh.querySelector(".form-field__error");
      if (newError) {
        wrapper.classList.add("form-field--error");
        var input = wrapper.querySelector("input, select, textarea");
        wrapper.insertBefore(document.importNode(newError, true), input);
      }
    });
  }

  function update() {
    var query = new URLSearchParams(new FormData(form)).toString();
    var url = form.getAttribute("action") + "?" + query;
    var request = (pending = fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" }));
    request
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        if (request !== pending) {
          return;
        }
        var doc = new DOMParser().parseFromString(html, "text/html");
        copyErrors(doc);
        replaceFrom(doc, "[data-embed-preview]");
        replaceFrom(doc, "[data-embed-urls]");
        var snippet = doc.querySelector("[data-embed-snippet]");
        if (snippet) {
          document.querySelector("[data-embed-snippet]").value = snippet.value;
        }
        window.history.replaceState(null, "", url);
        var widget = document.querySelector("[data-embed-preview] [data-figo-widget]");
        if (widget && window.FigoWidget) {
          window.FigoWidget.render(widget);
        }
      })
      .catch(function () {
        form.submit();
      });
  }

  function schedule() {
    showFieldsFor(form.elements.kind.value);
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  }

  form.addEventListener("change", schedule);
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") {
      schedule();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    update();
  });
  showFieldsFor(form.elements.kind.value);

  var copyButton = document.querySelector("[data-copy-target]");
  var copyStatus = document.querySelector("[data-copy-status]");
  if (copyButton) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", function () {
      var textarea = document.getElementById(copyButton.getAttribute("data-copy-target"));
      var done = function () {
        copyStatus.textContent = "Code copié.";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(textarea.value).then(done, function () {
          textarea.select();
          copyStatus.textContent = "Sélectionnez le code puis copiez-le (Ctrl+C).";
        });
      } else {
        textarea.select();
        document.execCommand("copy");
        done();
      }
    });
  }
})();
