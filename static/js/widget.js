/*
 * Widget de la FIGO (Fédération des centres sociaux et EVS Garonne Occitanie), sans dépendance.
 *
 * À coller dans une page, sur n'importe quel site :
 *   <div data-figo-widget="initiatives" data-department="31" data-limit="3"></div>
 *   <script src="https://<site de la FIGO>/static/js/widget.js" async></script>
 *
 * data-figo-widget : "initiatives", "formations" (prochaines sessions) ou "centres".
 * Les autres attributs data-* sont les filtres de l'API (data-department, data-theme, data-audience,
 * data-commune, data-structure-type, data-limit…), sauf data-heading-level (niveau du titre, 2 par défaut).
 * Les cartes héritent de la police et des couleurs de la page ; le texte est inséré avec textContent,
 * jamais comme du HTML.
 */
(function () {
  "use strict";

  if (window.FigoWidget) {
    window.FigoWidget.scan(document);
    return;
  }

  var KINDS = { initiatives: "initiatives", formations: "formations", trainings: "formations", sessions: "formations", centres: "centres" };
  var PRESENTATION_ATTRIBUTES = { "figo-widget": true, "heading-level": true, "figo-rendered": true };
  var STYLE_ID = "figo-widget-styles";
  var STYLES = [
    ".figo-widget{font:inherit;color:inherit;margin:1.5em 0}",
    ".figo-widget *,.figo-widget *::before,.figo-widget *::after{box-sizing:border-box}",
    ".figo-widget__title{font:inherit;font-size:1.25em;font-weight:700;line-height:1.3;margin:0 0 .75em}",
    ".figo-widget__list{list-style:none;margin:0;padding:0;display:grid;gap:1em;",
    "grid-template-columns:repeat(auto-fill,minmax(min(100%,15rem),1fr))}",
    ".figo-widget__item{margin:0;padding:0}",
    ".figo-card{display:flex;flex-direction:column;height:100%;border:1px solid rgba(127,127,127,.4);",
    "border-radius:.5em;overflow:hidden}",
    ".figo-card__image{display:block;width:100%;height:auto;aspect-ratio:16/9;object-fit:cover}",
    ".figo-card__body{display:flex;flex-direction:column;gap:.4em;padding:.75em 1em 1em}",
    ".figo-card p{margin:0}",
    ".figo-card__kicker{font-size:.875em;opacity:.85}",
    ".figo-card__title{font:inherit;font-weight:700;font-size:1.05em;line-height:1.3;margin:0}",
    ".figo-card__title a,.figo-widget__more a,.figo-card__links a{color:inherit;text-decoration:underline;",
    "text-underline-offset:.15em}",
    ".figo-widget a:focus-visible{outline:3px solid currentColor;outline-offset:2px}",
    ".figo-card__detail{font-size:.925em}",
    ".figo-card__links{list-style:none;margin:.25em 0 0;padding:0;font-size:.925em}",
    ".figo-widget__more{margin:1em 0 0}",
    ".figo-widget__status{font-style:italic;margin:0}"
  ].join("");
  var ERROR_TEXT = "Les contenus de la FIGO ne peuvent pas être affichés pour le moment.";
  var LOADING_TEXT = "Chargement des contenus de la FIGO…";

  var counter = 0;

  function scriptOrigin() {
    var script = document.currentScript;
    if (!script || !script.src) {
      var scripts = document.querySelectorAll("script[src*='widget']");
      script = scripts[scripts.length - 1];
    }
    try {
      return new URL(script.src, window.location.href).origin;
    } catch (error) {
      return "";
    }
  }

  var ORIGIN = scriptOrigin();

  function addStyles() {
    if (document.getElementById(STYLE_ID)) {
      return;
    }
    var style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = STYLES;
    (document.head || document.documentElement).appendChild(style);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null && text !== "") {
      node.textContent = String(text);
    }
    return node;
  }

  function safeUrl(url) {
    // Only web, phone and mail links: never a javascript: URL, whatever the data says.
    try {
      var parsed = new URL(url, ORIGIN || window.location.href);
      return /^(https?|tel|mailto):$/.test(parsed.protocol) ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function link(url, text, className) {
    var href = safeUrl(url);
    var node = element(href ? "a" : "span", className, text);
    if (href) {
      node.href = href;
    }
    return node;
  }

  function queryFor(container) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(container.attributes, function (attribute) {
      if (attribute.name.indexOf("data-") !== 0) {
        return;
      }
      var name = attribute.name.slice(5);
      if (PRESENTATION_ATTRIBUTES[name] || !attribute.value.trim()) {
        return;
      }
      params.set(name.replace(/-/g, "_"), attribute.value.trim());
    });
    return params.toString();
  }

  function headingLevel(container) {
    var level = parseInt(container.getAttribute("data-heading-level") || "2", 10);
    return level >= 1 && level <= 5 ? level : 2;
  }

  function card(item, level) {
    var article = element("article", "figo-card");
    if (item.image && item.image.url && safeUrl(item.image.url)) {
      var image = element("img", "figo-card__image");
      image.src = safeUrl(item.image.url);
      image.alt = item.image.alt || "";
      image.loading = "lazy";
      image.decoding = "async";
      if (item.image.width && item.image.height) {
        image.width = item.image.width;
        image.height = item.image.height;
      }
      article.appendChild(image);
    }
    var body = element("div", "figo-card__body");
    if (item.kicker) {
      var kicker = element("p", "figo-card__kicker");
      if (item.datetime) {
        var time = element("time", null, item.kicker);
        time.setAttribute("datetime", item.datetime);
        kicker.appendChild(time);
      } else {
        kicker.textContent = item.kicker;
      }
      body.appendChild(kicker);
    }
    var title = element("h" + Math.min(level + 1, 6), "figo-card__title");
    title.appendChild(link(item.url, item.title));
    body.appendChild(title);
    (item.details || []).forEach(function (detail) {
      if (detail) {
        body.appendChild(element("p", "figo-card__detail", detail));
      }
    });
    if (item.summary) {
      body.appendChild(element("p", "figo-card__summary", item.summary));
    }
    if (item.links && item.links.length) {
      var links = element("ul", "figo-card__links");
      item.links.forEach(function (entry) {
        var li = element("li");
        li.appendChild(link(entry.url, entry.label));
        links.appendChild(li);
      });
      body.appendChild(links);
    }
    article.appendChild(body);
    return article;
  }

  function render(container, data) {
    var level = headingLevel(container);
    var id = container.id || "figo-widget-" + (++counter);
    var section = element("section", "figo-widget");
    var titleId = id + "-titre";
    section.setAttribute("aria-labelledby", titleId);
    var heading = element("h" + level, "figo-widget__title", data.heading);
    heading.id = titleId;
    section.appendChild(heading);
    var items = data.items || [];
    if (items.length) {
      var list = element("ul", "figo-widget__list");
      list.setAttribute("role", "list");
      items.forEach(function (item) {
        var li = element("li", "figo-widget__item");
        li.appendChild(card(item, level));
        list.appendChild(li);
      });
      section.appendChild(list);
    } else {
      section.appendChild(element("p", "figo-widget__status", data.empty));
    }
    var more = element("p", "figo-widget__more");
    more.appendChild(link((data.more && data.more.url) || ORIGIN + "/", (data.more && data.more.label) || "Le site de la FIGO"));
    section.appendChild(more);
    container.replaceChildren(section);
  }

  function showStatus(container, text) {
    var status = element("p", "figo-widget__status", text);
    status.setAttribute("role", "status");
    container.replaceChildren(status);
  }

  function load(container) {
    var kind = KINDS[(container.getAttribute("data-figo-widget") || "").trim().toLowerCase()];
    if (!kind) {
      showStatus(container, ERROR_TEXT);
      console.warn("Widget FIGO : data-figo-widget doit valoir initiatives, formations ou centres.");
      return Promise.resolve();
    }
    addStyles();
    container.setAttribute("data-figo-rendered", "loading");
    container.setAttribute("aria-busy", "true");
    if (!container.firstChild) {
      showStatus(container, LOADING_TEXT);
    }
    var query = queryFor(container);
    var url = ORIGIN + "/api/v2/widget/" + kind + ".json" + (query ? "?" + query : "");
    return fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) {
            throw new Error(data && data.message ? data.message : "HTTP " + response.status);
          }
          return data;
        });
      })
      .then(function (data) {
        render(container, data);
        container.setAttribute("data-figo-rendered", "ok");
      })
      .catch(function (error) {
        showStatus(container, ERROR_TEXT);
        container.setAttribute("data-figo-rendered", "error");
        console.warn("Widget FIGO (" + url + ") : " + error.message);
      })
      .then(function () {
        container.removeAttribute("aria-busy");
      });
  }

  function scan(root) {
    var containers = (root || document).querySelectorAll("[data-figo-widget]");
    Array.prototype.forEach.call(containers, function (container) {
      if (!container.hasAttribute("data-figo-rendered")) {
        load(container);
      }
    });
  }

  window.FigoWidget = { render: load, scan: scan, origin: ORIGIN };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      scan(document);
    });
  } else {
    scan(document);
  }
})();
