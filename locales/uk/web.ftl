# The web app's frame and the words every screen shares. Screens keep their own strings in
# web-<area>.ftl beside this file.

skip-to-content = Перейти до змісту
nav-menu = Меню
nav-main = Основне меню
nav-mine = Мій кабінет
nav-projects = Проєкти
nav-results = Результати
nav-election = Вибори ГБК
nav-open-data = Відкриті дані
nav-about = Про проект
nav-profile = Мій профіль
nav-my-projects = Мої проєкти
nav-my-votes = Мої голоси
nav-candidate = Кандидатство до ГБК
nav-moderation = Модерація
nav-admin = Адміністрування
nav-language = Мова
nav-sign-in = Увійти
nav-sign-out = Вийти
nav-signed-out = Ви вийшли з облікового запису.
nav-signed-in-as = { $name }
lang-uk = Українська
lang-en = English
lang-switched = Мову змінено.
footer-api-docs = Документація API
footer-openapi = Специфікація OpenAPI
footer-open-source = Громада — відкритий код
page-not-found = Сторінку не знайдено
error-generic = Щось пішло не так
error-network = Немає зв’язку із сервером. Перевірте інтернет і спробуйте ще раз.
error-request-id = Ідентифікатор запиту: { $id }
error-comment-required = Напишіть коментар.
action-save = Зберегти
action-saved = Збережено.
action-cancel = Скасувати
action-confirm = Підтвердити
action-close = Закрити
action-delete = Видалити
action-edit = Змінити
action-add = Додати
action-back = Назад
action-more = Показати ще
action-search = Шукати
action-download = Завантажити
loading = Завантаження…
empty-list = Поки що нічого немає.
time-left = { $days ->
        [0] { $hours ->
                [0] { $minutes } хв
               *[other] { $hours } год { $minutes } хв
            }
       *[other] { $days } дн. { $hours } год
    }
yes = Так
no = Ні
cost-subtotal = Сума рядків кошторису
cost-reserve-line = Резерв { $percent }
cost-reserve-of = від { $sum }
session-phase-not-started = Сесія ще не почалася
session-phase-finished = Сесію завершено
home-title = Громадський бюджет: { $city }
home-logo-alt = Логотип: { $city }
home-see-projects = Переглянути проєкти
home-propose = Запропонувати проєкт
home-missing-title = Заповніть профіль
home-missing-text = Щоб подавати проєкти й голосувати, заповніть поля:
home-missing-link = Перейти до профілю
home-no-session = Зараз немає сесії громадського бюджету.
home-stage-now = Зараз: { $stage }.
home-time-left = До кінця етапу: { $left }.
home-timeline = Етапи сесії
home-stage-dates = { $start } — { $end }
home-pots = Бюджет
home-pot-max-cost = Проєкт до { $amount }
home-votes-per-voter = Кожен мешканець має { $count ->
        [one] { $count } голос
        [few] { $count } голоси
       *[other] { $count } голосів
    }.
