// response_mode=form_post: send the authorization response to the application at once.
document.getElementById("callback").submit();
