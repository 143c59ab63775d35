# The sign-in page (sign-in on the left, registration on the right, as the Kyiv specification
# draws it), the profile, and the pages that e-mailed links open.

signin-title = Sign in or register
signin-lead = Sign in to propose a project, join a team or vote. No account yet? Register under “Registration”.
signin-heading = Sign in
signin-intro = For registered users.
signin-login = Login
signin-login-hint = Your passport series and number or the phone number you registered with.
signin-password = Password
signin-submit = Sign in
signin-login-required = Enter your login.
signin-password-required = Enter your password.
signin-done = You are signed in.
signin-already = You are signed in as { $name }.
signin-continue = Continue
signin-to-profile = My profile

register-heading = Registration
register-intro = Choose a way to register available in the current session.
register-closed = Registration is not available now. Please try later.
register-kyiv-id = Sign in with Kyiv ID
register-kyiv-id-hint = Your profile comes from Kyiv ID; you can fill in anything missing in your profile.
register-or = or fill in the form
register-login = Login
register-login-hint = A phone number (+380…) or a passport series and number (МЕ 123456 or the 9 digits of an ID card).
register-password = Password
register-password-hint = At least 10 characters; avoid common passwords.
register-phone-hint = A contact phone; may stay empty when your login is a phone.
register-email-hint = We will send a link to confirm it.
register-submit = Register
register-required = Fill in this field.
register-done = Your account has been created.
register-done-complete = Your account has been created. Complete your profile to take part in the participatory budget.

profile-title = My profile
profile-login = Your login: { $login }
profile-personal = Personal details
profile-save = Save profile
profile-saved = Profile saved.
profile-saved-verify = Profile saved. We sent a link to confirm your new e-mail address.
profile-nothing-changed = Nothing has changed.
profile-missing-title = Fill in the required fields
profile-missing-text = { $count ->
        [one] To take part in the current participatory budget session, this field is missing:
       *[other] To take part in the current participatory budget session, these fields are missing:
    }
profile-kyiv-id = Kyiv ID
profile-kyiv-id-text = Link Kyiv ID to sign in without a password from now on.
profile-kyiv-id-link = Link Kyiv ID
profile-email-hint = Needed for notifications and password recovery.
profile-email-verified = Address confirmed
profile-email-unverified = Not confirmed
profile-email-unverified-text = Follow the link in the e-mail to confirm the address.
profile-facebook = Facebook profile
profile-facebook-hint = A link such as https://www.facebook.com/…; shown on a project's page when you are in the author's team.
profile-lang = Language of e-mails
profile-lang-hint = E-mails and notifications come in the language you choose.
profile-address-hint = Start typing the address and pick it from the list, or type it in full.
profile-address-suggestions = Addresses found
profile-address-searching = Looking up the address…
profile-address-found = { $count ->
        [one] { $count } address found. Use the up and down arrows to choose, Enter to confirm.
       *[other] { $count } addresses found. Use the up and down arrows to choose, Enter to confirm.
    }
profile-address-none = No address found. You can type it in full.
profile-address-unavailable = Address lookup is not available now. Please type the address in full.
profile-address-slow-down = Too many lookups. Wait a minute or type the address in full.
profile-address-picked = Address chosen.
profile-photo-alt = Your photo
profile-photo-none = No photo yet
profile-photo-file = New photo
profile-photo-hint = JPEG or PNG, up to 5 MB.
profile-photo-upload = Upload photo
profile-photo-choose = Choose a photo file.
profile-photo-saved = Photo saved.
profile-sessions = Sessions
profile-sessions-text = If you signed in on someone else's device, end all sessions, this one included.
profile-sign-out-everywhere = End all sessions
profile-sign-out-everywhere-confirm = All your sessions, this one included, will end. Continue?
profile-signed-out-everywhere = All your sessions have ended.

password-forgot = Forgot your password?
password-reset-hint = Enter your login and we will send a link to change the password to your confirmed e-mail address.
password-reset-login = Login to recover
password-reset-send = Send the link
password-reset-sent = If such an account exists and has a confirmed address, an e-mail with the link is on its way.
password-reset-title = New password
password-reset-lead = Choose a new password. Once it is changed, all your sessions end.
password-reset-submit = Change password
password-reset-done = Your password has been changed. Sign in with the new password.
password-reset-sign-in = Sign in
password-change-title = Change password
password-current = Current password
password-new = New password
password-repeat = Repeat the new password
password-change-submit = Change password
password-changed = Password changed. Your other sessions have ended.
password-current-required = Enter your current password.
password-new-required = Enter a new password.
password-mismatch = The passwords do not match.

verify-title = E-mail confirmation
verify-done = Your e-mail address is confirmed. Thank you!
verify-no-token = The link is incomplete. Open it from the e-mail again.
verify-failed-hint = The link may have expired. Send a new e-mail from your profile page.
verify-home = Home
verify-resend = Send the e-mail again
verify-resent = E-mail sent. Check your inbox.
