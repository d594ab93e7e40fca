/* Demo audience measurement: sets a first-party cookie like Matomo's _pk_id.<site>.<hash>. */
(function () {
  var id = Math.random().toString(16).slice(2, 18);
  document.cookie = "_pk_id.1.demo=" + id + "; Path=/; Max-Age=" + 13 * 30 * 86400 + "; SameSite=Lax";
  document.documentElement.setAttribute("data-demo-stats", "loaded");
})();
