# Ukrainian is the default language of hromada.
# Problem messages: `problem-<code>` is the title; the `.detail` attribute explains it.

platform-name = Громада
platform-tagline = Громадський бюджет міста: пропонуйте проєкти, голосуйте, стежте за результатами.

problem-not-found = Не знайдено
    .detail = За адресою { $path } нічого немає.
problem-method-not-allowed = Метод не підтримується
    .detail = Цей ресурс не приймає запит { $method }.
problem-malformed-json = Некоректний JSON
    .detail = Тіло запиту не є коректним JSON: { $reason }
problem-invalid-request = Некоректний запит
    .detail = Запит не відповідає очікуваному формату: { $reason }
problem-unsupported-media-type = Непідтримуваний тип вмісту
    .detail = Очікувався тип вмісту { $expected }, отримано { $actual }.
problem-payload-too-large = Запит завеликий
    .detail = Тіло запиту більше за дозволені { $limit } байт.
problem-internal = Внутрішня помилка
    .detail = Щось пішло не так на нашому боці. Повідомте службі підтримки ідентифікатор запиту { $request_id }.
problem-service-unavailable = Сервіс тимчасово недоступний
    .detail = Спробуйте ще раз за хвилину.
problem-money-too-many-decimals = Некоректна сума
    .detail = Сума може мати щонайбільше два знаки після коми (копійки).
problem-money-overflow = Некоректна сума
    .detail = Сума виходить за допустимі межі.
problem-money-invalid = Некоректна сума
    .detail = Сума має бути десятковим числом, наприклад 1999999.99.
problem-city-not-found = Місто не знайдено
    .detail = Міста «{ $slug }» немає на платформі.
problem-project-not-found = Проєкт не знайдено
    .detail = Проєкту з номером { $id } немає в цьому місті.
problem-estimate-empty = Кошторис порожній
    .detail = Додайте хоча б один рядок кошторису.
problem-estimate-too-many-lines = Забагато рядків
    .detail = Кошторис може мати щонайбільше { $max } рядків.
problem-estimate-empty-name = Рядок без назви
    .detail = Рядок { $line }: вкажіть назву.
problem-estimate-long-name = Задовга назва рядка
    .detail = Рядок { $line }: щонайбільше { $max } символів.
problem-estimate-bad-quantity = Некоректна кількість
    .detail = Рядок { $line }: кількість має бути цілим числом від 1.
problem-estimate-negative-price = Від’ємна ціна
    .detail = Рядок { $line }: ціна за одиницю не може бути від’ємною.
problem-estimate-total-overflow = Завелика загальна сума
    .detail = Загальна сума кошторису виходить за допустимі межі.
problem-estimate-line-overflow = Завелика сума рядка
    .detail = Рядок { $line }: кількість × ціна виходить за допустимі межі.
problem-cost-reserve-invalid = Некоректний резерв кошторису
    .detail = Резерв — відсоток від суми рядків кошторису, від 0 до { $max }, до сотих (наприклад 20 або 12,5).
problem-login-taken = Логін уже зайнятий
    .detail = Обліковий запис із таким логіном уже існує.

## Accounts and sign-in
problem-unauthenticated = Потрібно увійти
    .detail = Увійдіть до свого облікового запису, щоб продовжити.
problem-forbidden = Доступ заборонено
    .detail = У вас немає прав на цю дію.
problem-csrf-failed = Запит відхилено
    .detail = Бракує захисного токена CSRF або він неправильний. Оновіть сторінку й спробуйте ще раз.
problem-login-empty = Вкажіть логін
    .detail = Логін — це номер телефону або паспорта.
problem-login-invalid = Некоректний логін
    .detail = Логін має бути номером мобільного телефону (+380XXXXXXXXX) або паспорта (серія й номер «МЕ123456» чи номер ID-картки з 9 цифр).
problem-phone-not-ukrainian = Некоректний номер телефону
    .detail = Вкажіть український номер телефону у форматі +380XXXXXXXXX.
problem-phone-invalid = Некоректний номер телефону
    .detail = Вкажіть номер телефону у форматі +380XXXXXXXXX.
problem-email-invalid = Некоректна адреса електронної пошти
    .detail = Перевірте адресу електронної пошти.
problem-lang-invalid = Непідтримувана мова
    .detail = Оберіть uk або en.
problem-password-too-short = Закороткий пароль
    .detail = Пароль має містити щонайменше { $min } символів.
problem-password-too-long = Задовгий пароль
    .detail = Пароль може мати щонайбільше { $max } байтів.
problem-password-too-common = Надто поширений пароль
    .detail = Цей пароль легко вгадати. Оберіть інший, наприклад фразу з кількох слів.
problem-password-contains-login = Пароль містить логін
    .detail = Пароль не може містити ваш логін.
problem-password-wrong = Неправильний пароль
    .detail = Поточний пароль введено неправильно.
problem-field-required = Обов’язкове поле
    .detail = Заповніть це поле.
problem-field-too-long = Задовге значення
    .detail = Щонайбільше { $max } символів.
problem-birth-date-invalid = Некоректна дата народження
    .detail = Вкажіть справжню дату народження.
problem-facebook-url-invalid = Некоректне посилання на Facebook
    .detail = Вкажіть адресу профілю на кшталт https://www.facebook.com/ваш.профіль.
problem-login-throttled = Забагато спроб входу
    .detail = Спробуйте ще раз через { $seconds } с.
problem-login-failed = Не вдалося увійти
    .detail = Неправильний логін або пароль.
problem-token-invalid = Посилання недійсне
    .detail = Посилання вже використано або його строк дії минув. Замовте нове.
problem-email-missing = Немає адреси електронної пошти
    .detail = Спершу вкажіть адресу електронної пошти в профілі.
problem-email-already-verified = Адресу вже підтверджено
    .detail = Вашу адресу електронної пошти вже підтверджено.
problem-photo-not-found = Фото немає
    .detail = Ви ще не завантажили фото.
problem-image-too-large = Завеликий файл
    .detail = Зображення може мати щонайбільше { $limit } байтів.
problem-image-type = Непідтримуваний формат зображення
    .detail = Завантажте зображення у форматі JPEG або PNG.
problem-image-corrupt = Пошкоджене зображення
    .detail = Файл не вдалося прочитати як зображення JPEG чи PNG.

## Administration
problem-slug-invalid = Некоректний ідентифікатор
    .detail = Використовуйте малі латинські літери, цифри та дефіс (2–64 символи).
problem-time-zone-invalid = Некоректний часовий пояс
    .detail = Вкажіть часовий пояс IANA, наприклад Europe/Kyiv.
problem-city-exists = Місто вже існує
    .detail = Місто з таким ідентифікатором уже є на платформі.
problem-user-not-found = Користувача не знайдено
    .detail = Немає облікового запису з таким логіном.
problem-role-exists = Роль уже надано
    .detail = Ця людина вже має цю роль у цьому місті.
problem-role-not-found = Роль не знайдено
    .detail = Такого призначення немає в цьому місті.
problem-email-not-found = Лист не знайдено
    .detail = Такого листа немає.
problem-email-not-failed = Лист не в статусі помилки
    .detail = Повторно надіслати можна лише лист, доставка якого не вдалася.

## E-mails
email-verify-subject = Підтвердьте адресу електронної пошти — Громада
email-verify-body =
    Вітаємо, { $name }!

    Щоб підтвердити адресу електронної пошти, відкрийте посилання:
    { $link }

    Або введіть код: { $token }

    Посилання дійсне { $minutes } хв. Якщо ви не реєструвалися на платформі «Громада», просто проігноруйте цей лист.
email-reset-subject = Відновлення пароля — Громада
email-reset-body =
    Вітаємо, { $name }!

    Щоб задати новий пароль, відкрийте посилання:
    { $link }

    Або введіть код: { $token }

    Посилання дійсне { $minutes } хв і спрацює лише один раз. Якщо ви не просили відновити пароль, проігноруйте цей лист: ваш пароль не зміниться.

## City directory, sessions, content
problem-boundary-invalid = Некоректна межа району
    .detail = Межа має бути полігоном GeoJSON: { $reason }
problem-tile-url-invalid = Некоректний шаблон тайлів
    .detail = Вкажіть адресу https з { "{" }z{ "}" }, { "{" }x{ "}" } та { "{" }y{ "}" }, наприклад https://tile.openstreetmap.org/{ "{" }z{ "}" }/{ "{" }x{ "}" }/{ "{" }y{ "}" }.png.
problem-map-view-invalid = Некоректний вигляд мапи
    .detail = Широта від −90 до 90, довгота від −180 до 180, масштаб від 0 до 19.
problem-time-zone-locked = Часовий пояс змінити не можна
    .detail = У міста вже є бюджетні сесії, дати яких задано в поточному часовому поясі.
problem-city-has-sessions = Місто має сесії
    .detail = Місто, у якого вже є бюджетні сесії, видалити не можна.
problem-logo-not-found = Логотипу немає
    .detail = Місто ще не завантажило логотип.
problem-district-not-found = Район не знайдено
    .detail = Такого району немає в цьому місті.
problem-district-exists = Район уже існує
    .detail = Район із такою назвою вже є.
problem-category-not-found = Категорію не знайдено
    .detail = Такої категорії немає в цьому місті.
problem-category-exists = Категорія вже існує
    .detail = Категорія з такою назвою вже є.
problem-entry-in-use = Запис використовується
    .detail = Його вже вказано в проєктах. Зробіть його неактивним замість видалення.
problem-session-not-found = Сесію не знайдено
    .detail = Бюджетної сесії немає.
problem-session-started = Сесія вже почалася
    .detail = Це можна змінити лише до початку сесії.
problem-sessions-overlap = Сесії перетинаються
    .detail = Місто проводить одну бюджетну сесію за раз: дати нової сесії перетинаються з іншою.
problem-stages-empty = Немає етапів
    .detail = Сесія потребує етапів.
problem-stage-reversed = Етап закінчується раніше, ніж починається
    .detail = Перевірте дати етапу «{ $stage }».
problem-stage-out-of-order = Порядок етапів порушено
    .detail = Етап «{ $stage }» стоїть не на своєму місці або повторюється.
problem-stage-not-next-day = Етапи мають іти поспіль
    .detail = Етап після «{ $stage }» має починатися { $expected }, а не { $found }.
problem-stage-missing = Бракує етапу
    .detail = Потрібен етап «{ $stage }».
problem-stage-started = Етап уже розпочався
    .detail = Дати етапу «{ $stage }», який уже розпочався, змінити не можна.
problem-stage-not-found = Етап не знайдено
    .detail = У сесії немає етапу «{ $stage }».
problem-votes-per-voter-invalid = Некоректна кількість голосів
    .detail = Кількість голосів на мешканця — від 1 до 50.
problem-age-invalid = Некоректний вік
    .detail = Вік — від 14 до 100 років.
problem-results-rule-invalid = Некоректне правило підсумків
    .detail = Оберіть greedy, greedy-no-skip, greedy-threshold, greedy-per-cost або equalshares/add1.
problem-min-votes-invalid = Некоректний мінімум голосів
    .detail = Мінімальна кількість голосів не може бути від’ємною, а для правила greedy-threshold її треба вказати.
problem-show-counts-invalid = Некоректний показ голосів
    .detail = Оберіть live (голоси видно під час голосування) або after_results (лише з підсумками).
problem-pot-vote-limit-invalid = Некоректна межа голосів у кошику
    .detail = Від 1 до 50 голосів або без межі.
problem-registration-methods-invalid = Некоректні способи реєстрації
    .detail = Оберіть хоча б один: password, kyiv_id.
problem-required-fields-invalid = Некоректні обов’язкові поля
    .detail = Невідоме поле профілю серед обов’язкових.
problem-pots-invalid = Некоректні бюджети
    .detail = Сесія має від 1 до 20 частин бюджету.
problem-pot-amounts-invalid = Некоректні суми бюджету
    .detail = Загальна сума і максимальна вартість проєкту мають бути додатними, а максимальна вартість — не більшою за загальну суму.
problem-translation-key-unknown = Невідомий рядок
    .detail = Рядка «{ $key }» немає в перекладах.
problem-translation-invalid = Некоректний переклад
    .detail = Текст порожній, задовгий або має помилку в розмітці (наприклад, незакриту дужку).
problem-translation-not-overridden = Рядок не змінено
    .detail = Рядок «{ $key }» не має власного перекладу міста.
problem-page-not-found = Сторінку не знайдено
    .detail = Сторінки «{ $slug }» немає.
problem-page-exists = Сторінка вже існує
    .detail = Сторінка з такою адресою вже є.
problem-image-mismatch = Тип файлу не збігається
    .detail = Файл названо { $declared }, але це { $actual }.

## Kyiv ID
page-back-home = На головну
problem-kyiv-id-disabled = Вхід через Kyiv ID недоступний
    .detail = Місто не ввімкнуло вхід через Kyiv ID.
problem-kyiv-id-cancelled = Вхід скасовано
    .detail = Ви скасували вхід через Kyiv ID. Спробуйте ще раз, коли будете готові.
problem-kyiv-id-failed = Kyiv ID не впустив
    .detail = Kyiv ID повідомив про помилку. Спробуйте ще раз.
problem-kyiv-id-state-invalid = Сеанс входу недійсний
    .detail = Посилання для входу застаріле, уже використане або відкрите в іншому браузері. Почніть вхід знову.
problem-kyiv-id-unavailable = Kyiv ID недоступний
    .detail = Не вдалося зв’язатися з Kyiv ID. Спробуйте за кілька хвилин.
problem-kyiv-id-rejected = Відповідь Kyiv ID відхилено
    .detail = Відповідь Kyiv ID не пройшла перевірку безпеки. Почніть вхід знову.
problem-kyiv-id-missing-fields = Бракує даних у профілі Kyiv ID
    .detail = Щоб брати участь, доповніть у своєму профілі Kyiv ID: { $fields }. Потім увійдіть знову.
problem-kyiv-id-account-exists = Обліковий запис уже існує
    .detail = Цей номер телефону вже зареєстровано. Увійдіть за логіном і паролем і прив’яжіть Kyiv ID у профілі.
problem-kyiv-id-linked-elsewhere = Kyiv ID уже прив’язано
    .detail = Цей обліковий запис Kyiv ID прив’язано до іншого користувача.
field-last-name = Прізвище
field-first-name = Ім’я
field-patronymic = По батькові
field-birth-date = Дата народження
field-phone = Номер телефону
field-email = Електронна пошта
field-registration-address = Адреса реєстрації
field-residence-address = Адреса проживання
field-photo = Фото

## Projects
geocoding-mode-sequential = Послідовний
geocoding-mode-sequential-description = Спершу запит до сервісу з пріоритетом 3; якщо він нічого не знайшов — до сервісу з пріоритетом 2, далі — 1.
geocoding-mode-parallel = Паралельний
geocoding-mode-parallel-description = Запит до всіх увімкнених сервісів одночасно; у списку під полем адреси — усі варіанти: спершу пріоритету 3, потім 2, потім 1.
geocoding-provider-nominatim = OpenStreetMap Nominatim
geocoding-provider-visicom = Visicom
geocoding-provider-google = Google Maps
stage-kind-submission = Подання проєктів
stage-kind-review = Розгляд проєктів
stage-kind-voting = Голосування
stage-kind-results = Підбиття підсумків
stage-kind-implementation = Реалізація
election-stage-applications = Подання заявок
election-stage-review = Розгляд заявок
election-stage-round1 = Перший тур
election-stage-round2 = Другий тур
election-stage-results = Результати
candidate-status-draft = Чернетка
candidate-status-on-moderation = На модерації
candidate-status-deleted = Видалена
candidate-status-rejected = Відхилена
candidate-status-round1 = Учасник 1-го туру
candidate-status-round2 = Учасник 2-го туру
candidate-status-not-advanced = Не пройшов до 2-го туру
candidate-status-elected = Член ГБК
candidate-status-not-elected = Не обраний
project-status-draft = Чернетка
project-status-on-moderation = На модерації
project-status-needs-revision = На доопрацюванні
project-status-rejected = Відхилено
project-status-admitted = Допущено до голосування
project-status-withdrawn = Відкликано автором
project-status-winner = Переможець
project-status-not-selected = Не пройшов
project-status-in-progress = Реалізується
project-status-implemented = Реалізовано
project-status-not-implemented = Не реалізовано
problem-submission-closed = Подання проєктів закрите
    .detail = Подавати й змінювати проєкти можна лише на етапі подання поточної сесії.
problem-project-not-editable = Проєкт не можна змінити
    .detail = Змінювати можна чернетку або проєкт, повернутий на доопрацювання.
problem-project-status-changed = Статус проєкту щойно змінився
    .detail = Оновіть сторінку й спробуйте знову.
problem-project-transition-invalid = Неможливо з поточного статусу
    .detail = Ця дія недоступна для проєкту в статусі «{ $status }».
problem-project-period-closed = Не на цьому етапі
    .detail = Ця дія недоступна на поточному етапі сесії.
problem-project-set-by-results = Визначається результатами
    .detail = Проєкт стає переможцем або не обраним лише під час оприлюднення результатів голосування.
problem-comment-required = Потрібен коментар
    .detail = Поясніть причину або що саме доопрацювати.
problem-pot-unknown = Невідомий бюджет
    .detail = Оберіть бюджет (тип проєкту) поточної сесії.
problem-category-unknown = Невідома категорія
    .detail = Оберіть одну з категорій міста.
problem-district-unknown = Невідомий район
    .detail = Оберіть один з районів міста.
problem-district-required = Потрібен район
    .detail = Для районного проєкту оберіть район або позначте місце на мапі в межах району.
problem-place-invalid = Некоректне місце
    .detail = Широта має бути від -90 до 90, довгота від -180 до 180, обидві разом.
problem-project-over-limit = Кошторис перевищує граничну вартість
    .detail = Загальна вартість { $total } грн перевищує граничну { $max } грн на { $over } грн.
problem-profile-incomplete = Заповніть профіль
    .detail = Для участі бракує: { $fields }.
problem-author-too-young = Замолодий вік для автора
    .detail = Подавати проєкти можуть особи від { $age } років.
problem-status-unknown = Невідомий статус
    .detail = Вкажіть один зі статусів проєкту.
problem-file-kind-unknown = Невідомий вид файлу
    .detail = Можливі: image (JPEG чи PNG), document (PDF).
problem-document-too-large = Завеликий документ
    .detail = Документ може мати щонайбільше { $limit } байтів.
problem-document-type = Непідтримуваний формат документа
    .detail = Завантажте документ у форматі PDF.
problem-document-corrupt = Документ пошкоджено
    .detail = Файл PDF обірвано або пошкоджено. Завантажте його ще раз.
problem-project-files-limit = Забагато файлів
    .detail = { $kind ->
        [image] До проєкту можна додати щонайбільше { $max } зображень.
       *[other] До проєкту можна додати щонайбільше { $max } документів.
    } Видаліть зайвий файл і спробуйте знову.
problem-file-not-found = Файлу не знайдено
    .detail = У проєкту немає файлу з номером { $id }.
problem-storage-unavailable = Сховище файлів недоступне
    .detail = Файл не збережено. Спробуйте трохи згодом.
problem-api-key-invalid = Недійсний ключ API
    .detail = Передайте в заголовку X-Api-Key ключ, виданий адміністратором міста.
problem-api-key-revoked = Ключ API відкликано
    .detail = Цей ключ більше не діє. Попросіть адміністратора міста видати новий.
problem-api-key-wrong-city = Ключ іншого міста
    .detail = Цей ключ не відкриває дані міста «{ $slug }».
problem-api-key-not-found = Ключа API не знайдено
    .detail = У міста немає ключа з номером { $id }.
problem-supporter-own-project = Це ваш проєкт
    .detail = Автор не може стати прихильником власного проєкту.
problem-supporter-not-admitted = Проєкт ще не пройшов модерацію
    .detail = Долучитися до команди проєкту можна після того, як його допущено до голосування.
problem-supporter-already = Ви вже прихильник
    .detail = Ви вже в команді цього проєкту.
problem-supporter-pending = Заявку вже подано
    .detail = Ваша заявка чекає на рішення автора проєкту.
problem-supporter-transition-invalid = Такої зміни статусу немає
    .detail = Заявку зі статусом «{ $status }» не можна так змінити.
problem-supporter-status-changed = Заявку щойно змінено
    .detail = Хтось змінив статус заявки. Оновіть сторінку й спробуйте знову.
problem-supporter-not-found = Заявки не знайдено
    .detail = У проєкту немає заявки з номером { $id }.
problem-vote-not-open = Голосування ще не почалося
    .detail = Голосувати можна лише на етапі голосування.
problem-vote-closed = Голосування завершено
    .detail = Етап голосування вже минув.
problem-vote-profile-incomplete = Заповніть профіль, щоб голосувати
    .detail = Бракує: { $fields }.
problem-vote-too-young = Замалий вік для голосування
    .detail = Голосувати можуть мешканці від { $age } років.
problem-vote-not-admitted = Проєкт не допущено до голосування
    .detail = Голосувати можна лише за проєкти зі статусом «Допущено до голосування».
problem-vote-other-session = Проєкт з іншої сесії
    .detail = Проєкту { $project } немає серед проєктів цієї сесії.
problem-vote-already = Ви вже проголосували
    .detail = Ви вже віддали голос за цей проєкт (або бюлетень цієї особи вже є).
problem-vote-none-left = Голоси вичерпано
    .detail = Ви використали всі { $limit } голосів.
problem-vote-pot-limit = Голоси в кошику вичерпано
    .detail = У цьому кошику можна віддати щонайбільше { $limit } голосів.
problem-vote-category-used = Голос у цій темі вже віддано
    .detail = У цій сесії — один голос на тему (категорію): ви вже підтримали проєкт цієї категорії. Щоб проголосувати за цей, спершу заберіть той голос, якщо сесія це дозволяє.
problem-vote-other-channel = Ви вже голосували іншим способом
    .detail = { $channel ->
        [paper] Ця особа вже проголосувала паперовим бюлетенем у ЦНАП.
       *[other] Ця особа вже проголосувала онлайн.
    } Одна особа — один бюлетень.
problem-vote-withdrawal-off = Голос не можна відкликати
    .detail = У цій сесії відданий голос остаточний.
problem-vote-not-cast = Голосу немає
    .detail = Ви не голосували за цей проєкт.
problem-vote-duplicate = Проєкт двічі в бюлетені
    .detail = Кожен проєкт можна позначити в бюлетені лише раз.
problem-vote-empty = Порожній бюлетень
    .detail = У бюлетені не позначено жодного проєкту.
problem-vote-voter-invalid = Некоректний номер виборця
    .detail = Вкажіть номер телефону або паспорта виборця.
problem-vote-import-invalid = Файл не прочитано
    .detail = Завантажте файл CSV у кодуванні UTF-8.
problem-vote-import-header = Немає потрібних стовпців
    .detail = Перший рядок файлу має назвати стовпці voter і projects (і, за бажання, birth_date).
problem-vote-import-too-long = Завеликий файл
    .detail = Один імпорт — щонайбільше { $max } рядків.
problem-vote-import-line = Рядок не прочитано
    .detail = Рядок файлу CSV пошкоджено.
problem-vote-import-projects = Некоректні номери проєктів
    .detail = Вкажіть номери проєктів через пробіл або крапку з комою.
problem-vote-import-birth-date = Некоректна дата народження
    .detail = Дата має вигляд РРРР-ММ-ДД або ДД.ММ.РРРР.
problem-results-voting-open = Голосування ще триває
    .detail = Підсумки можна обчислити після завершення етапу голосування.
problem-results-published = Підсумки вже оприлюднено
    .detail = Оприлюднені підсумки не змінюються.
problem-results-not-approved = Комісія ще не затвердила переможців
    .detail = У міста є громадська бюджетна комісія: підсумки оприлюднюються, коли список переможців затвердить більшість її членів ({ $members }).
problem-commission-only = Лише для членів комісії
    .detail = Голосувати тут можуть лише члени громадської бюджетної комісії, обраної на останніх виборах.
problem-approval-reason-required = Потрібна причина
    .detail = Щоб не затвердити список переможців, вкажіть причину.
problem-results-not-computed = Підсумків ще немає
    .detail = Спершу обчисліть підсумки за всіма кошиками.
problem-results-not-published = Підсумки ще не оприлюднено
    .detail = Підсумки з'являться, щойно модератор їх оприлюднить.
problem-results-not-allowed = Підсумки не можна оприлюднити
    .detail = Статуси проєктів не можна змінити на цьому етапі сесії.
problem-pot-not-found = Кошика не знайдено
    .detail = У сесії немає кошика з номером { $id }.
problem-population-invalid = Некоректна кількість мешканців
    .detail = Від 0 до 100 000 000; 0 прибирає значення.
problem-vote-import-not-found = Імпорту не знайдено
    .detail = У цій сесії немає імпорту паперових бюлетенів з таким номером.
problem-election-not-enabled = Вибори до ГБК не ввімкнено
    .detail = Місто не дозволило вибори до громадської бюджетної комісії («Дозволити ГБК» в «Інших налаштуваннях»).
problem-election-not-found = Виборів не знайдено
    .detail = Таких виборів до ГБК немає.
problem-candidate-not-found = Заявки не знайдено
    .detail = Такої заявки кандидата немає.
problem-election-started = Вибори вже почалися
    .detail = Параметри й етапи виборів можна змінювати лише до їх початку.
problem-election-exists = Вибори вже є
    .detail = Ця сесія вже має вибори до ГБК.
problem-election-tie-break = Невідомий спосіб розв’язання нічиєї
    .detail = Можливі: round1_votes (голоси першого туру), earlier_application (раніше подана заявка).
problem-election-parameter = Неприпустиме значення
    .detail = Мінімум голосів — від 1; голосів у турі — від 1 до 100; місць у комісії — від 1 до 1000; кожен спосіб розв’язання нічиєї — не більше одного разу.
problem-election-stage-closed = Не на цьому етапі
    .detail = Ця дія недоступна на поточному етапі виборів.
problem-candidate-transition-invalid = Неможливо з поточного статусу
    .detail = Ця дія недоступна для заявки зі статусом «{ $status }».
problem-candidate-status-changed = Заявка щойно змінилася
    .detail = Хтось змінив статус заявки. Оновіть сторінку й спробуйте ще раз.
problem-candidate-application-exists = Заявку вже подано
    .detail = Ви вже маєте заявку кандидата на цих виборах.
problem-candidate-application-locked = Заявку не можна змінити
    .detail = Заявку можна редагувати як чернетку під час подання заявок або після відхилення до кінця розгляду.
problem-candidate-application-incomplete = Заявку не заповнено
    .detail = Бракує: { $fields }.
problem-candidate-profile-incomplete = Заповніть профіль, щоб стати кандидатом
    .detail = Бракує: { $fields }.
problem-election-profile-incomplete = Заповніть профіль, щоб голосувати
    .detail = Бракує: { $fields }.
problem-candidate-status-unknown = Невідомий статус
    .detail = Такого статусу заявки кандидата немає.
problem-candidate-document-type = Непідтримуваний документ
    .detail = Додайте PDF, JPEG або PNG.
problem-candidate-documents-limit = Забагато документів
    .detail = До заявки можна додати не більше { $max } документів.
problem-election-vote-not-open = Голосування ще не почалося
    .detail = Голосування в цьому турі ще не почалося.
problem-election-vote-closed = Голосування завершено
    .detail = Голосування в цьому турі вже завершилося.
problem-election-vote-not-candidate = Не учасник туру
    .detail = Голосувати можна лише за учасників поточного туру.
problem-election-vote-not-participant = Голосують лише учасники 2-го туру
    .detail = У другому турі голосують лише кандидати, які до нього пройшли.
problem-election-vote-self = Не можна голосувати за себе
    .detail = У другому турі кандидати голосують лише один за одного.
problem-election-vote-already = Ви вже проголосували
    .detail = Ви вже віддали голос за цього кандидата в цьому турі.
problem-election-vote-none-left = Голоси вичерпано
    .detail = Ви використали всі { $limit } голосів цього туру.
problem-election-vote-too-young = Замалий вік для голосування
    .detail = Голосувати можуть мешканці від { $min } років.
problem-election-results-not-ready = Результатів ще немає
    .detail = Результати з’являться, щойно завершиться перший тур.
problem-election-no-tie = Нічиєї немає
    .detail = Усі місця в комісії вже розподілено.
problem-election-tie-choice = Оберіть кандидатів
    .detail = Оберіть рівно { $seats } з кандидатів, що мають однаковий результат.
problem-stage-unknown = Невідомий етап
    .detail = Такого етапу немає.
problem-geocoding-unavailable = Пошук адреси зараз недоступний
    .detail = Жоден сервіс геокодування не відповів. Спробуйте пізніше або позначте місце на мапі вручну.
problem-geocoding-throttled = Забагато пошуків адреси
    .detail = Зачекайте { $seconds } с і спробуйте знову.
problem-geocoding-query-invalid = Некоректний запит адреси
    .detail = Введіть адресу (до { $max } символів).
problem-geocoding-priority-invalid = Некоректний пріоритет
    .detail = Пріоритет сервісу { $provider } має бути 1, 2 або 3.
problem-geocoding-priority-taken = Пріоритет уже зайнято
    .detail = Два ввімкнені сервіси не можуть мати однаковий пріоритет { $priority }.
problem-geocoding-base-url-invalid = Некоректна адреса сервісу
    .detail = Базова адреса сервісу { $provider } має бути повною адресою http(s).
problem-geocoding-timeout-invalid = Некоректний тайм-аут
    .detail = Тайм-аут сервісу { $provider } має бути від { $min } до { $max } мс.
problem-geocoding-key-required = Потрібен ключ API
    .detail = Щоб увімкнути сервіс { $provider }, вкажіть його ключ API.
problem-geocoding-key-invalid = Некоректний ключ API
    .detail = Ключ API сервісу { $provider } задовгий або містить пробіли.
problem-geocoding-radius-invalid = Некоректний радіус пошуку
    .detail = Радіус пошуку має бути від { $min } до { $max } км.
problem-geocoding-providers-invalid = Некоректний перелік сервісів
    .detail = Вкажіть налаштування кожного сервісу геокодування рівно один раз.
problem-sort-unknown = Невідоме впорядкування
    .detail = Можливі: random, newest, cost_asc, cost_desc, votes.
problem-sort-votes-session = Оберіть сесію
    .detail = Упорядкувати за голосами можна в межах однієї сесії (параметр session).
problem-sort-votes-hidden = Голоси ще приховано
    .detail = У цій сесії кількість голосів покажуть разом із підсумками.
problem-action-unknown = Невідома дія
    .detail = Вкажіть одну з дій над проєктом.
email-project-status-subject = Проєкт «{ $title }»: { $status } — Громада
email-project-status-body =
    Вітаємо!

    Статус вашого проєкту «{ $title }» тепер: { $status }.
    { $comment }

    Сторінка проєкту: { $url }

supporter-status-pending = На модерації
supporter-status-accepted = Прихильник
supporter-status-rejected = Відхилено
supporter-status-removed = Відмовлено

email-supporter-applied-subject = Нова заявка прихильника: «{ $title }» — Громада
email-supporter-applied-body =
    Вітаємо!

    { $name } хоче долучитися до команди вашого проєкту «{ $title }».
    { $comment }

    Розгляньте заявку у вкладці «Прихильники»: { $url }

email-candidate-status-subject = Ваша заявка на вибори до ГБК: { $status } — Громада
email-candidate-status-body =
    Вітаємо!

    Статус вашої заявки кандидата до громадської бюджетної комісії: { $status }.
    { $comment }

    Сторінка виборів: { $url }

email-election-tie-subject = Вибори до ГБК: нічия на останніх місцях — Громада
email-election-tie-body =
    Вітаємо!

    Після другого туру { $candidates } кандидатів мають однаковий результат за { $seats } місць, що лишилися, і правила розв’язання нічиєї їх не розрізняють. Рішення має ухвалити модератор.

    Сторінка виборів: { $url }

email-supporter-status-subject = Ваша заявка до команди «{ $title }»: { $status } — Громада
email-supporter-status-body =
    Вітаємо!

    Автор проєкту «{ $title }» змінив статус вашої заявки: { $status }.
    { $comment }

    Сторінка проєкту: { $url }

results-rule-greedy = Проєкти впорядковано за кількістю голосів; перемагає кожен, чия вартість ще вміщується в залишок бюджету кошика, а той, що не вміщується, пропускають.
results-rule-greedy-no-skip = Проєкти впорядковано за кількістю голосів; перемагають по черзі, доки перший проєкт не вміститься в залишок бюджету — на ньому відбір зупиняється.
results-rule-greedy-threshold = Проєкти з щонайменше { $min } голосами впорядковано за кількістю голосів; перемагає кожен, чия вартість ще вміщується в залишок бюджету.
results-rule-greedy-per-cost = Голоси на гривню: проєкти впорядковано за кількістю голосів, поділеною на вартість; перемагає кожен, чия вартість ще вміщується в залишок бюджету кошика, а той, що не вміщується, пропускають. За однакової кількості голосів на гривню вище проєкт, що набрав більше голосів.
results-rule-equalshares-add1 = Метод рівних часток: бюджет кошика порівну ділять між виборцями, і проєкт перемагає, коли його прихильники можуть спільно його оплатити; частку кожного виборця збільшують на 1 гривню, доки результат вміщується в бюджет.
results-ties = За рівної кількості голосів вище проєкт із меншою вартістю, а далі — поданий раніше.
