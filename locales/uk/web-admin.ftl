# The city admin's pages (АРМ адміністратора): the «Місто» directory and its tabs, districts,
# categories, sessions, the commission election's parameters, staff, API keys, e-mails, audit.

adm-title = Адміністрування
adm-tabs = Розділи адміністрування
adm-forbidden = Ця сторінка — для адміністраторів і спостерігачів міста.
adm-read-only = Ви переглядаєте налаштування як спостерігач: змінювати їх не можна.
adm-admins-only = Цей розділ доступний лише адміністраторам міста.
adm-tab-settings = Місто
adm-tab-geocoding = Сервіси геокодування
adm-tab-districts = Райони
adm-tab-categories = Категорії
adm-tab-sessions = Сесії
adm-tab-staff = Користувачі та ролі
adm-tab-api-keys = Ключі API
adm-tab-emails = Листи
adm-tab-audit = Журнал аудиту
adm-actions = Дії
adm-edit-named = Змінити: { $name }
adm-delete-named = Видалити: { $name }
adm-name-uk = Назва українською
adm-name-en = Назва англійською
adm-copy = Копіювати
adm-copied = Скопійовано
adm-copy-failed = Не вдалося скопіювати — виділіть і скопіюйте вручну
adm-money-hint = У гривнях, наприклад 1000000,00
adm-pages = Сторінки списку
adm-page-prev = ← Попередня
adm-page-next = Наступна →
adm-page-of = Сторінка { $page } з { $pages }

## «Місто» and «Інші налаштування»
adm-city-title = Місто
adm-city-contacts = Контакти
adm-city-contacts-hint = Показуються внизу кожної сторінки Сайту.
adm-city-time-zone = Часовий пояс
adm-city-time-zone-hint = Назва за IANA, наприклад Europe/Kyiv. Етапи починаються й закінчуються опівночі за цим часом.
adm-city-slug = Адреса міста
adm-city-slug-hint = Латинські малі літери, цифри й дефіси; з неї складаються адреси сторінок міста.
adm-city-save = Зберегти дані міста
adm-city-saved = Дані міста «{ $city }» збережено.
adm-settings-title = Інші налаштування
adm-settings-allow-commission = Дозволити ГБК
adm-settings-allow-commission-hint = Вмикає вибори до Громадської бюджетної комісії. Встановлюється перед початком сесії.
adm-settings-tile-url = Адреса растрових тайтлів для Leaflet
adm-settings-tile-url-hint = Шаблон із {"{"}z{"}"}, {"{"}x{"}"}, {"{"}y{"}"}. Ним користуються мапи Сайту та ІАС «Майно».
adm-settings-map = Центр мапи
adm-settings-map-hint = Що показує мапа проєктів, коли її відкривають.
adm-settings-map-lat = Широта
adm-settings-map-lon = Довгота
adm-settings-map-zoom = Масштаб
adm-settings-save = Зберегти налаштування
adm-settings-saved = Налаштування збережено.

## «Сервіси геокодування»
adm-geo-title = Сервіси геокодування
adm-geo-mode = Режим пошуку
adm-geo-radius = Радіус пошуку, км
adm-geo-radius-hint = Адреси шукають у квадраті навколо центру мапи міста.
adm-geo-radius-value = { $km } км
adm-geo-providers = Системи геокодингу
adm-geo-provider = Система
adm-geo-enabled = Підключено
adm-geo-enabled-label = Підключити { $provider }
adm-geo-priority = Пріоритет
adm-geo-priority-hint = 3 — найвищий: до цієї системи звертаються першою.
adm-geo-priority-value = { $n }
adm-geo-base-url = Адреса сервісу
adm-geo-timeout = Час очікування, мс
adm-geo-key = Ключ API:
adm-geo-key-set = задано ({ $masked })
adm-geo-key-not-set = не задано
adm-geo-key-new = Ключ API
adm-geo-key-new-hint = Потрібен для Visicom і Google Maps.
adm-geo-key-replace = Новий ключ API
adm-geo-key-replace-hint = Залиште порожнім, щоб не змінювати збережений ключ. Збережений ключ ніколи не показується.
adm-geo-key-remove = Видалити збережений ключ
adm-geo-save = Зберегти сервіси геокодування
adm-geo-saved = Налаштування геокодування збережено.
adm-geo-test-title = Перевірити пошук адреси
adm-geo-test-query = Адреса
adm-geo-test-hint = Пошук іде через збережені налаштування, як у полі адреси на Сайті.
adm-geo-test-none = Нічого не знайдено.
adm-geo-test-place = { $lat }, { $lon } · { $provider }

## Districts
adm-districts-title = Райони
adm-districts-lead = Райони міста для районних кошиків і статистики. Межу району завантажте файлом GeoJSON.
adm-districts-caption = Райони: { $count }
adm-districts-empty = Районів ще немає.
adm-district-name = Назва
adm-district-boundary = Межа
adm-district-boundary-points = { $count ->
        [one] { $count } точка
        [few] { $count } точки
       *[other] { $count } точок
    }
adm-district-no-boundary = Не завантажено
adm-district-outline = Межа району «{ $name }»
adm-district-population = Населення
adm-district-population-hint = Кількість мешканців — для явки в статистиці. Необов’язково.
adm-district-boundary-file = Межа (файл GeoJSON)
adm-district-boundary-hint = Polygon або MultiPolygon (чи Feature з ним), до 2 МБ. Без файлу межа не зміниться.
adm-district-remove-boundary = Видалити межу
adm-district-add = Додати район
adm-district-edit = Змінити район «{ $name }»
adm-district-added = Район «{ $name }» додано.
adm-district-saved = Район «{ $name }» збережено.
adm-district-deleted = Район «{ $name }» видалено.
adm-district-delete-title = Видалити район «{ $name }»?
adm-district-delete-text = Район, до якого належать проєкти, видалити не можна.

## Categories
adm-categories-title = Категорії
adm-categories-lead = Категорії проєктів у порядку показу. Неактивну категорію не можна обрати для нового проєкту.
adm-categories-caption = Категорії: { $count }
adm-categories-empty = Категорій ще немає.
adm-category-position = Порядок
adm-category-position-hint = Менше число — вище в списку.
adm-category-name = Назва
adm-category-active = Активна
adm-category-active-label = Активна
adm-category-active-hint = Мешканці можуть обрати її для свого проєкту.
adm-category-add = Додати категорію
adm-category-edit = Змінити категорію «{ $name }»
adm-category-added = Категорію «{ $name }» додано.
adm-category-saved = Категорію «{ $name }» збережено.
adm-category-deleted = Категорію «{ $name }» видалено.
adm-category-delete-title = Видалити категорію «{ $name }»?
adm-category-delete-text = Категорію, до якої належать проєкти, видалити не можна — зробіть її неактивною.

## Sessions
adm-sessions-title = Сесії громадського бюджету
adm-sessions-caption = Сесії, новіші першими
adm-sessions-empty = Сесій ще немає.
adm-sessions-back = ← Усі сесії
adm-session-new = Нова сесія
adm-session-name = Назва
adm-session-names = Назва сесії
adm-session-period-col = Строки
adm-session-period = { $start } — { $end }
adm-session-phase = Стан
adm-session-pots = Кошики
adm-session-now = Зараз: { $stage }
adm-session-not-found = Сесію не знайдено
adm-session-stages = Етапи
adm-session-stages-hint = Кожен етап починається наступного дня після завершення попереднього: вкажіть початок першого й останній день кожного. Коли змінюєте кінець етапу, наступні зсуваються, зберігаючи тривалість.
adm-session-stages-edit-hint = Дати етапів, що вже почалися, змінити не можна. Кожен етап починається наступного дня після завершення попереднього.
adm-session-create = Створити сесію
adm-session-names-stages = Назва та етапи
adm-session-params-pots = Параметри та кошики
adm-session-started-locked = Сесія вже почалася: параметри й кошики змінювати не можна.
adm-session-save-stages = Зберегти назву та етапи
adm-session-save-params = Зберегти параметри та кошики
adm-session-created = Сесію «{ $name }» створено.
adm-session-saved = Сесію збережено.
adm-stage = Етап
adm-stage-from = Початок
adm-stage-to = Кінець
adm-stage-first-start = Перший день першого етапу
adm-stage-end = Останній день етапу «{ $stage }»
adm-stage-starts = Початок: { $date }
adm-stage-days = { $count ->
        [one] { $count } день
        [few] { $count } дні
       *[other] { $count } днів
    }
adm-stage-include = Є етап «{ $stage }»
adm-stage-dates-missing = Не всі дати етапів вказано
adm-stage-dates-missing-detail = Вкажіть останній день етапу «{ $stage }».
adm-pots = Кошики
adm-pots-hint = Загальна сума кошика й найбільша вартість одного проєкту, у гривнях.
adm-pots-empty = Кошиків немає.
adm-pot-n = Кошик { $n }
adm-pot-name = Назва
adm-pot-name-uk = Назва кошика українською
adm-pot-name-en = Назва кошика англійською
adm-pot-scope = Охоплення
adm-pot-scope-citywide = Загальноміський
adm-pot-scope-district = Районний
adm-pot-total = Обсяг кошика, ₴
adm-pot-max-cost = Найбільша вартість проєкту, ₴
adm-pot-max-votes = Найбільше голосів одного мешканця в цьому кошику
adm-pot-max-votes-hint = Порожньо — діє лише загальна кількість голосів.
adm-pot-add = Додати кошик
adm-pot-remove = Видалити кошик
adm-params = Параметри
adm-param-votes-per-voter = Голосів у мешканця
adm-param-votes-per-voter-hint = Від 1 до 50; один голос — за один проєкт.
adm-param-min-voter-age = Найменший вік для голосування
adm-param-min-author-age = Найменший вік автора проєкту
adm-param-results-rule = Правило визначення переможців
adm-param-min-votes = Найменша кількість голосів для перемоги
adm-param-min-votes-hint = Потрібна для правила з порогом голосів.
adm-param-show-counts = Показ кількості голосів
adm-param-vote-withdrawal = Дозволити відкликати голос
adm-param-vote-withdrawal-hint = Мешканець може забрати свій голос, поки триває голосування.
adm-param-cost-reserve = Резерв кошторису, %
adm-param-cost-reserve-hint = Обов’язковий резерв, який додається до кожного кошторису окремим рядком і входить у вартість проєкту (Київ, 2019: 20). 0 — без резерву; до 50, до сотих.
adm-param-one-per-category = Один голос на тему
adm-param-one-per-category-hint = Мешканець віддає щонайбільше один голос за проєкти кожної категорії (Київ із 2021 року: до 10 голосів, по одному на тему).
adm-param-required-fields = Обов’язкові поля профілю
adm-param-required-fields-hint = Без них мешканець не може подати проєкт чи проголосувати.
adm-param-registration-methods = Способи реєстрації
adm-method-password = Логін і пароль
adm-method-kyiv-id = Вхід через Kyiv ID
adm-show-counts-live = Під час голосування
adm-show-counts-after-results = Лише з результатами
adm-rule-greedy = За голосами, з пропуском дорожчих
adm-rule-greedy-no-skip = За голосами, до першого, що не вміщується
adm-rule-greedy-threshold = За голосами, з порогом голосів
adm-rule-greedy-per-cost = Голоси на гривню (голоси ÷ вартість)
adm-rule-equalshares-add1 = Метод рівних часток

## The commission election of a session
adm-election-title = Вибори до ГБК
adm-election-disabled = Вибори до ГБК вимкнено: спершу встановіть відмітку «Дозволити ГБК».
adm-election-disabled-link = Відкрити «Інші налаштування»
adm-election-none = Вибори для цієї сесії ще не налаштовано.
adm-election-phase = Стан:
adm-election-before = Ще не почалися
adm-election-after = Завершено
adm-election-public-page = Сторінка виборів
adm-election-started-locked = Вибори вже почалися: їх параметри й етапи змінювати не можна.
adm-election-min-votes-round2 = Мінімальна кількість голосів для проходження в 2-й тур
adm-election-min-votes-hint = Кандидати, що набрали стільки голосів у 1-му турі, проходять до 2-го.
adm-election-votes-round1 = Голосів у мешканця в 1-му турі
adm-election-votes-round2 = Голосів у кандидата в 2-му турі
adm-election-seats = Кількість місць у ГБК
adm-election-tie-break = Розв’язання нічиєї
adm-election-tie-break-hint = Коли в 2-му турі голосів порівну. Нічию, що лишилася на останньому місці, вирішують модератори.
adm-tie-r1-then-earlier = Більше голосів у 1-му турі, потім раніша заявка
adm-tie-earlier-then-r1 = Раніша заявка, потім більше голосів у 1-му турі
adm-tie-r1 = Більше голосів у 1-му турі
adm-tie-earlier = Раніша заявка
adm-election-stages = Етапи виборів
adm-election-create = Налаштувати вибори
adm-election-save = Зберегти вибори
adm-election-created = Вибори до ГБК налаштовано.
adm-election-saved = Вибори до ГБК збережено.

## Staff
adm-staff-title = Користувачі та ролі
adm-staff-lead = Модератори, адміністратори й спостерігачі міста. Адміністраторів призначає адміністратор платформи.
adm-staff-caption = Працівники: { $count }
adm-staff-empty = Ролей ще не надано.
adm-staff-person = Людина
adm-staff-no-name = Без імені
adm-staff-role = Роль
adm-staff-granted = Надано
adm-staff-login = Логін
adm-staff-login-hint = Номер телефону або серія й номер паспорта, з якими людина зареєструвалася.
adm-staff-grant-title = Надати роль
adm-staff-grant = Надати роль
adm-staff-granted-msg = Роль «{ $role }» надано: { $name }.
adm-staff-revoke = Забрати роль
adm-staff-revoke-named = Забрати роль «{ $role }»: { $name }
adm-staff-revoke-title = Забрати роль «{ $role }» у { $name }?
adm-staff-revoke-text = Людина одразу втратить доступ, який давала ця роль.
adm-staff-revoked-msg = Роль «{ $role }» забрано: { $name }.
adm-staff-platform-only = Лише адміністратор платформи
adm-role-admin = Адміністратор
adm-role-moderator = Модератор
adm-role-observer = Спостерігач

## API keys
adm-keys-title = Ключі API для ІАС «Майно»
adm-keys-lead = Ключі, з якими ІАС «Майно» читає проєкти міста через відкритий програмний інтерфейс (заголовок X-Api-Key).
adm-keys-caption = Ключі
adm-keys-empty = Ключів ще немає.
adm-key-name = Призначення
adm-key-name-hint = Наприклад: ІАС «Майно», робочий сервер.
adm-key-prefix = Початок ключа
adm-key-created = Створено
adm-key-last-used = Останнє використання
adm-key-never-used = Ще не використовувався
adm-key-state = Стан
adm-key-active = Діє
adm-key-revoked = Відкликано { $date }
adm-key-new-title = Новий ключ
adm-key-create = Створити ключ
adm-key-created-msg = Ключ «{ $name }» створено. Скопіюйте його зараз.
adm-key-secret-title = Ключ «{ $name }»
adm-key-secret-once = Скопіюйте ключ і передайте його ІАС «Майно» безпечним каналом. Його показано лише зараз — більше його не побачить ніхто.
adm-key-copy = Копіювати ключ
adm-key-revoke = Відкликати
adm-key-revoke-named = Відкликати ключ «{ $name }»
adm-key-revoke-title = Відкликати ключ «{ $name }»?
adm-key-revoke-text = Відкликаний ключ більше нічого не відкриває. Це не можна скасувати.
adm-key-revoked-msg = Ключ «{ $name }» відкликано.

## The e-mail outbox
adm-emails-title = Листи
adm-emails-lead = Листи, які платформа надсилає мешканцям міста, новіші першими. Лист, який не вдалося надіслати, можна поставити в чергу знову.
adm-emails-filter = Стан листів
adm-emails-all = Усі
adm-emails-caption = Листів: { $count }
adm-emails-empty = Листів ще немає.
adm-emails-empty-status = Листів із таким станом немає.
adm-email-created = Створено
adm-email-to = Кому
adm-email-subject = Тема
adm-email-status = Стан
adm-email-attempts = Спроб
adm-email-error-text = Помилка: { $error }
adm-email-next = Наступна спроба: { $date }
adm-email-status-pending = У черзі
adm-email-status-sending = Надсилається
adm-email-status-sent = Надіслано
adm-email-status-failed = Не надіслано
adm-email-retry = Надіслати знову
adm-email-retry-named = Надіслати знову лист «{ $subject }» для { $to }
adm-email-retried = Лист для { $to } знову в черзі.

## The audit log
adm-audit-title = Журнал аудиту
adm-audit-intact = Журнал цілісний.
adm-audit-intact-detail = Ланцюжок хешів перевірено: { $count ->
        [one] { $count } запис
        [few] { $count } записи
       *[other] { $count } записів
    } платформи, { $date }.
adm-audit-broken = Ланцюжок журналу порушено!
adm-audit-broken-detail = Запис №{ $id } змінено після того, як його записали, або він не продовжує попередній (перевірено { $date }). Повідомте адміністратора платформи.
adm-audit-filter = Пошук у журналі
adm-audit-apply = Показати
adm-audit-clear = Скинути
adm-audit-action-hint = Наприклад: role.grant
adm-audit-target-hint = Наприклад: user:42
adm-audit-caption = Записів: { $count }
adm-audit-empty = Записів ще немає.
adm-audit-empty-filter = Нічого не знайдено.
adm-audit-time = Час
adm-audit-actor = Хто
adm-audit-action = Дія
adm-audit-target = Об’єкт
adm-audit-summary = Зміни
adm-audit-summary-show = Показати ({ $chars } символів)
adm-audit-hash = Хеш
adm-audit-system = Система
adm-audit-user = Користувач №{ $id }
