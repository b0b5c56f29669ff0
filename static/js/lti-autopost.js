// The deep-linking response goes back to the LMS by itself (a form posting the signed JWT,
// templates/lti/deep_link_return.html); without scripts, its button sends it.
document.querySelectorAll("form[data-autopost]").forEach(function (form) {
  form.submit();
});
