// On a monograph's former address (macros/renderer/redirects.py): on to its page at once,
// keeping what follows « # » in the address (a section cited by its link), which the page's
// meta refresh, left for browsers without scripts, would drop.
(function () {
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (!refresh) return;
  var target = refresh.getAttribute("content").replace(/^\s*\d+\s*;\s*url=/i, "");
  location.replace(new URL(target, location.href).href.split("#")[0] + location.hash);
})();
