// Progressive enhancements shared by every page: a select marked data-autosubmit submits its
// form on change (the Switch button does the same without JavaScript).
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form?.requestSubmit();
  }
});
