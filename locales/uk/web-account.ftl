# The sign-in page (sign-in on the left, registration on the right, as the Kyiv specification
# draws it), the profile, and the pages that e-mailed links open.

signin-title = Вхід і реєстрація
signin-lead = Увійдіть, щоб подати проєкт, стати прихильником чи проголосувати. Ще немає облікового запису? Зареєструйтеся в розділі «Реєстрація».
signin-heading = Вхід
signin-intro = Для зареєстрованих користувачів.
signin-login = Логін
signin-login-hint = Серія та номер паспорта або номер телефону, вказаний під час реєстрації.
signin-password = Пароль
signin-submit = Увійти
signin-login-required = Вкажіть логін.
signin-password-required = Вкажіть пароль.
signin-done = Ви увійшли.
signin-already = Ви вже увійшли як { $name }.
signin-continue = Продовжити
signin-to-profile = Мій профіль

register-heading = Реєстрація
register-intro = Оберіть спосіб реєстрації, доступний у поточній сесії.
register-closed = Зараз реєстрація недоступна. Спробуйте пізніше.
register-kyiv-id = Вхід через Kyiv ID
register-kyiv-id-hint = Дані профілю надійдуть із Kyiv ID; бракуючі поля можна буде заповнити в профілі.
register-or = або заповніть анкету
register-login = Логін
register-login-hint = Номер телефону (+380…) або серія та номер паспорта (МЕ 123456 чи 9 цифр ID-картки).
register-password = Пароль
register-password-hint = Щонайменше 10 символів; не використовуйте поширених паролів.
register-phone-hint = Контактний телефон; якщо логін — телефон, можна не заповнювати.
register-email-hint = На неї надійде лист із посиланням для підтвердження.
register-submit = Зареєструватися
register-required = Заповніть це поле.
register-done = Обліковий запис створено.
register-done-complete = Обліковий запис створено. Заповніть профіль, щоб брати участь у громадському бюджеті.

profile-title = Мій профіль
profile-login = Ваш логін: { $login }
profile-personal = Особисті дані
profile-save = Зберегти профіль
profile-saved = Профіль збережено.
profile-saved-verify = Профіль збережено. Ми надіслали лист для підтвердження нової адреси електронної пошти.
profile-nothing-changed = Змін немає.
profile-missing-title = Заповніть обов’язкові поля
profile-missing-text = { $count ->
        [one] Для участі в поточній сесії громадського бюджету не вистачає даних у полі:
       *[other] Для участі в поточній сесії громадського бюджету не вистачає даних у полях:
    }
profile-kyiv-id = Kyiv ID
profile-kyiv-id-text = Прив’яжіть Kyiv ID, щоб надалі входити без пароля.
profile-kyiv-id-link = Прив’язати Kyiv ID
profile-email-hint = Потрібна для сповіщень і відновлення пароля.
profile-email-verified = Адресу підтверджено
profile-email-unverified = Не підтверджено
profile-email-unverified-text = Перейдіть за посиланням у листі, щоб підтвердити адресу.
profile-facebook = Профіль у Facebook
profile-facebook-hint = Посилання на кшталт https://www.facebook.com/…; показується на сторінці проєкту, якщо ви в команді автора.
profile-lang = Мова листів
profile-lang-hint = Мовою, яку ви оберете, надходитимуть листи й сповіщення.
profile-address-hint = Почніть вводити адресу й оберіть її зі списку або допишіть вручну.
profile-address-suggestions = Знайдені адреси
profile-address-searching = Шукаємо адресу…
profile-address-found = { $count ->
        [one] Знайдено { $count } адресу. Стрілками вгору й вниз оберіть, Enter — підтвердити.
        [few] Знайдено { $count } адреси. Стрілками вгору й вниз оберіть, Enter — підтвердити.
       *[other] Знайдено { $count } адрес. Стрілками вгору й вниз оберіть, Enter — підтвердити.
    }
profile-address-none = Адресу не знайдено. Можна ввести її вручну.
profile-address-unavailable = Пошук адрес зараз недоступний. Введіть адресу вручну.
profile-address-slow-down = Забагато запитів. Зачекайте хвилину або введіть адресу вручну.
profile-address-picked = Адресу обрано.
profile-photo-alt = Ваше фото
profile-photo-none = Фото ще немає
profile-photo-file = Нове фото
profile-photo-hint = JPEG або PNG, до 5 МБ.
profile-photo-upload = Завантажити фото
profile-photo-choose = Оберіть файл із фото.
profile-photo-saved = Фото збережено.
profile-sessions = Сеанси
profile-sessions-text = Якщо ви входили з чужого пристрою, завершіть усі сеанси — зокрема й цей.
profile-sign-out-everywhere = Завершити всі сеанси
profile-sign-out-everywhere-confirm = Усі ваші сеанси, зокрема цей, буде завершено. Продовжити?
profile-signed-out-everywhere = Усі ваші сеанси завершено.

password-forgot = Забули пароль?
password-reset-hint = Вкажіть логін — ми надішлемо посилання для зміни пароля на підтверджену адресу електронної пошти.
password-reset-login = Логін для відновлення
password-reset-send = Надіслати посилання
password-reset-sent = Якщо такий обліковий запис існує і має підтверджену адресу, лист із посиланням уже в дорозі.
password-reset-title = Новий пароль
password-reset-lead = Придумайте новий пароль. Після зміни всі ваші сеанси буде завершено.
password-reset-submit = Змінити пароль
password-reset-done = Пароль змінено. Увійдіть із новим паролем.
password-reset-sign-in = Увійти
password-change-title = Зміна пароля
password-current = Поточний пароль
password-new = Новий пароль
password-repeat = Повторіть новий пароль
password-change-submit = Змінити пароль
password-changed = Пароль змінено. Інші ваші сеанси завершено.
password-current-required = Вкажіть поточний пароль.
password-new-required = Вкажіть новий пароль.
password-mismatch = Паролі не збігаються.

verify-title = Підтвердження електронної пошти
verify-done = Адресу електронної пошти підтверджено. Дякуємо!
verify-no-token = Посилання неповне. Відкрийте його з листа ще раз.
verify-failed-hint = Посилання могло застаріти. Надішліть новий лист зі сторінки профілю.
verify-home = На головну
verify-resend = Надіслати лист ще раз
verify-resent = Лист надіслано. Перевірте пошту.
