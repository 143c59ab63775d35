# Public pages: the project catalogue and map, a project's page, results, open data and the
# static pages «Про проект».

## Catalogue

catalogue-title = Проєкти
catalogue-filters = Пошук і фільтри проєктів
catalogue-search = Пошук за назвою чи описом
catalogue-apply = Показати
catalogue-more-filters = Фільтри та порядок
catalogue-more-filters-active = Фільтри та порядок (обрано: { $count })
catalogue-reset = Скинути фільтри
catalogue-session = Сесія
catalogue-status = Статус
catalogue-any-status = Усі статуси
catalogue-pot = Кошик
catalogue-any-pot = Усі кошики
catalogue-category = Категорія
catalogue-any-category = Усі категорії
catalogue-district = Район
catalogue-any-district = Усі райони
catalogue-citywide = Загальноміський
catalogue-sort = Порядок
catalogue-sort-random = Випадковий
catalogue-sort-newest = Спочатку нові
catalogue-sort-cost-asc = Спочатку дешевші
catalogue-sort-cost-desc = Спочатку дорожчі
catalogue-sort-votes = За кількістю голосів
catalogue-view = Вигляд
catalogue-view-list = Список
catalogue-view-map = Мапа
catalogue-found = { $count ->
        [0] Проєктів не знайдено
        [one] Знайдено { $count } проєкт
        [few] Знайдено { $count } проєкти
       *[other] Знайдено { $count } проєктів
    }
catalogue-none = Проєктів поки немає.
catalogue-none-filtered = Жоден проєкт не відповідає фільтрам. Спробуйте змінити або скинути їх.
catalogue-votes = { $count ->
        [one] { $count } голос
        [few] { $count } голоси
       *[other] { $count } голосів
    }
catalogue-pages = Сторінки
catalogue-page-n = Сторінка { $n }
catalogue-prev = ← Попередня
catalogue-next = Наступна →

## Maps

map-label = Мапа проєктів
map-count = { $count ->
        [0] На мапі немає проєктів
        [one] На мапі { $count } проєкт
        [few] На мапі { $count } проєкти
       *[other] На мапі { $count } проєктів
    }
map-note = На мапі — проєкти, для яких автор вказав місце. Усі проєкти, з тими самими фільтрами, є у списку.
map-see-list = Переглянути списком
map-cluster = { $count ->
        [one] { $count } проєкт тут, наблизити
        [few] { $count } проєкти тут, наблизити
       *[other] { $count } проєктів тут, наблизити
    }
map-marker = Проєкт «{ $title }» на мапі
map-zoom-in = Наблизити
map-zoom-out = Віддалити
map-popup-close = Закрити підказку
map-osm-contributors = учасники OpenStreetMap
map-failed = Мапу не вдалося завантажити.

## A project's page

project-page-back = ← Усі проєкти
project-page-summary = Коротко про проєкт
project-page-cost = Вартість
project-page-address = Адреса
project-page-author = Автор
project-page-submitted = Подано
project-page-tabs = Розділи проєкту
project-page-tab-about = Опис
project-page-tab-supporters = Прихильники ({ $count })
project-page-status-comment = Коментар модератора
project-page-description = Опис проєкту
project-page-beneficiaries = Хто отримає користь
project-page-implementation = Реалізація
project-page-cost-breakdown = Кошторис
project-page-cost-item = Найменування
project-page-cost-quantity = Кількість
project-page-cost-price = Ціна за одиницю
project-page-cost-sum = Сума
project-page-cost-total = Загальна вартість
project-page-photos = Фото
project-page-photo-alt = Фото { $n } до проєкту «{ $title }»
project-page-opens-new = (відкриється в новій вкладці)
project-page-documents = Документи
project-page-file-size = ({ $kb } КБ)
project-page-place = Місце реалізації
project-page-map = Місце проєкту «{ $title }» на мапі
project-page-history = Історія статусів
project-page-history-empty = Історії змін статусу ще немає.

project-page-vote-title = Голосування
project-page-vote = Проголосувати
project-page-vote-sign-in = Увійти, щоб проголосувати
project-page-vote-open = Голосування триває. Підтримайте проєкт своїм голосом.
project-page-vote-remaining = У вас { $remaining ->
        [one] залишився { $remaining } голос
        [few] залишилося { $remaining } голоси
       *[other] залишилося { $remaining } голосів
    } з { $total }.
project-page-vote-cast = Ви проголосували за цей проєкт.
project-page-vote-done = Ваш голос зараховано. { $remaining ->
        [0] Голосів більше не залишилося.
        [one] Залишився { $remaining } голос.
        [few] Залишилося { $remaining } голоси.
       *[other] Залишилося { $remaining } голосів.
    }
project-page-vote-counted = Ваш голос зараховано.
project-page-vote-withdraw = Відкликати голос
project-page-withdraw-title = Відкликати голос?
project-page-withdraw-text = Голос за цей проєкт буде скасовано, і ви зможете віддати його за інший проєкт, поки триває голосування.
project-page-vote-withdrawn = Голос відкликано. { $remaining ->
        [one] Залишився { $remaining } голос.
        [few] Залишилося { $remaining } голоси.
       *[other] Залишилося { $remaining } голосів.
    }
project-page-vote-none-left = Ви вже використали всі свої голоси ({ $total }).
project-page-my-votes = Мої голоси
project-page-vote-profile = Заповнити профіль
project-page-vote-profile-missing = Щоб голосувати, заповніть у профілі обов’язкові дані.
project-page-vote-from = Голосування триватиме з { $start } до { $end }
project-page-vote-closed = Голосування за проєкти завершено.
project-page-vote-finished = Голосування завершено.
project-page-see-results = Підсумки голосування
project-page-vote-not-admitted = За цей проєкт не голосують: його не допущено до голосування.

project-page-team = Команда проєкту
project-page-team-empty = Прихильників у команді поки немає.
project-page-facebook = Facebook: { $name }
project-page-author-note = Ви автор цього проєкту: нижче — заявки прихильників до вашої команди.
project-page-apply = Стати прихильником
project-page-apply-sign-in = Увійти, щоб стати прихильником
project-page-apply-after-moderation = Долучитися до команди можна після того, як проєкт пройде модерацію.
project-page-apply-title = Стати прихильником проєкту
project-page-apply-warning = Якщо автор прийме вас до команди, ваші прізвище, ім’я, по батькові, фото та сторінку у Facebook буде показано на сторінці проєкту.
project-page-apply-comment = Коментар для автора (необов’язково)
project-page-apply-send = Подати заявку
project-page-apply-sent-title = Заявку подано
project-page-apply-sent = Автор проєкту розгляне вашу заявку і вирішить, чи додати вас до своєї команди. Рішення надійде вам електронною поштою.
project-page-apply-pending = Вашу заявку подано; автор проєкту її розгляне.
project-page-apply-accepted = Ви в команді цього проєкту.
project-page-applications = Заявки прихильників
project-page-applications-staff = Усі заявки прихильників
project-page-applications-empty = Заявок поки немає.
project-page-application-history = Історія заявки
project-page-phone = Телефон
project-page-email = Ел. пошта
project-page-applied = Подано
project-page-applicant-comment = Коментар заявника
project-page-decision-comment = Коментар автора
project-page-accept = Прийняти
project-page-reject = Відхилити
project-page-remove = Видалити з команди
project-page-accept-title = Прийняти { $name } до команди?
project-page-accept-text = Ім’я, фото та сторінку у Facebook прихильника буде показано на сторінці проєкту.
project-page-reject-title = Відхилити заявку: { $name }
project-page-reject-text = Напишіть, чому ви відхиляєте заявку: заявник отримає ваш коментар листом.
project-page-remove-title = Видалити з команди: { $name }
project-page-remove-text = Прихильник отримає статус «Відмовлено» і лист із вашим коментарем, якщо ви його напишете.
project-page-decided-accepted = { $name } — тепер прихильник проєкту.
project-page-decided-rejected = Заявку { $name } відхилено.
project-page-decided-removed = { $name } більше не в команді проєкту.

## Results

results-title = Результати
results-session = Сесія
results-show = Показати
results-no-session = Місто ще не проводило сесій громадського бюджету.
results-not-published = Підсумки ще не оприлюднено.
results-after-voting = Голосування триває до { $end }; після нього модератори підрахують і оприлюднять підсумки.
results-expected = Підсумки підбиватимуть з { $start } до { $end }
results-soon = Підсумки з’являться тут, щойно модератори їх оприлюднять.
results-preview = Попередні підсумки (обчислено { $at }): вони ще не оприлюднені й видимі лише модераторам, спостерігачам і членам комісії.
results-published = Оприлюднено { $at }.
results-pots = Кошики
results-pot-n = Кошик { $id }
results-budget = Бюджет кошика
results-spent = Використано
results-left = Залишок
results-voters = Виборців
results-winners = Переможців
results-used = Використано { $share } бюджету кошика.
results-rule-title = Як обрано переможців:
results-rule-details = Докладно про правило
results-how-greedy = за кількістю голосів
results-how-greedy-no-skip = за кількістю голосів, без пропусків
results-how-greedy-threshold = за кількістю голосів, з порогом
results-how-greedy-per-cost = за кількістю голосів на гривню
results-how-equalshares-add1 = методом рівних часток
results-plain-greedy = Спершу фінансують проєкт із найбільшою кількістю голосів, потім наступний — і так далі, поки в кошику є гроші. Якщо на проєкт грошей уже не вистачає, його пропускають і дивляться на наступний, дешевший.
results-plain-greedy-no-skip = Спершу фінансують проєкт із найбільшою кількістю голосів, потім наступний — поки в кошику є гроші. Щойно черговий проєкт не вміщується в залишок, відбір завершується.
results-plain-greedy-threshold = Переможцями можуть стати лише проєкти, що набрали щонайменше { $min } голосів. Серед них спершу фінансують той, що має найбільше голосів, потім наступний — поки в кошику є гроші.
results-plain-greedy-per-cost = Кількість голосів за кожен проєкт ділять на його вартість. Спершу фінансують проєкт, що має найбільше голосів на гривню, потім наступний — і так далі, поки в кошику є гроші, тож дешевший проєкт із меншою кількістю голосів може випередити дорогий. Якщо на проєкт грошей уже не вистачає, його пропускають і дивляться на наступний.
results-plain-equalshares-add1 = Гроші кошика ділять порівну між усіма, хто голосував. Проєкт перемагає, якщо його прихильники разом можуть оплатити його зі своїх часток; так підтримку отримують і менші громади, а не лише найбільші.
results-table-caption = Проєкти кошика «{ $pot }»: спершу переможці
results-col-place = №
results-col-project = Проєкт
results-col-votes = Голоси
results-col-cost = Вартість
results-col-per-head = Частка виборця
results-col-outcome = Результат
results-no-projects = У цьому кошику не було проєктів.
results-open-data = Відкриті дані голосування: бюлетені та статистика

## Open data

opendata-title = Відкриті дані
opendata-intro = Знеособлені бюлетені та статистика участі: будь-хто може перевірити підрахунок голосів.
opendata-not-yet = Дані цієї сесії ще не відкрито.
opendata-not-yet-hint = Бюлетені та статистику буде опубліковано разом із підсумками голосування.
opendata-files = Файли
opendata-csv = Бюлетені, CSV
opendata-csv-hint = один рядок на голос: кошик, виборець (знеособлено), спосіб, проєкт
opendata-json = Бюлетені, JSON
opendata-json-hint = кошики з проєктами, голосами та бюлетенями
opendata-pb = Кошик «{ $pot }», формат pabulib (.pb)
opendata-pb-hint = для перерахунку в pabutools або командою нижче
opendata-tally = Перерахувати переможців самостійно:
opendata-participation = Статистика участі
opendata-voters = Виборці
opendata-votes = Голоси
opendata-by-channel = За способом голосування
opendata-channel = Спосіб
opendata-channel-internet = Онлайн
opendata-channel-paper = Паперовий бюлетень (ЦНАП)
opendata-by-age = За віком
opendata-age = Вік
opendata-age-under-18 = До 18 років
opendata-age-18-29 = 18–29 років
opendata-age-30-44 = 30–44 роки
opendata-age-45-59 = 45–59 років
opendata-age-60-plus = 60 років і більше
opendata-age-unknown = Невідомо
opendata-by-day = За днями голосування
opendata-day = День
opendata-by-district = За районами
opendata-district = Район
opendata-citywide = Загальноміські проєкти
opendata-population = Населення
opendata-turnout = Явка

## Static pages

pages-title = Про проект
pages-none = Сторінок поки немає.
pages-back = ← Про проект
pages-updated = Оновлено: { $date }
approval-title = Затвердження громадською бюджетною комісією
approval-lead = У міста є обрана громадська бюджетна комісія ({ $members } членів): підсумки оприлюднюються, коли список переможців затвердить більшість її членів.
approval-decision-pending = Рішення ще немає.
approval-decision-approved = Затверджено.
approval-decision-refused = Не затверджено.
approval-count = «За»: { $approvals }, проголосували { $votes } з { $members }.
approval-no-votes = Члени комісії ще не голосували.
approval-vote-approve = затвердити
approval-vote-refuse = не затверджувати
approval-your-vote = Ваш голос члена комісії
approval-choice = Рішення
approval-comment = Коментар
approval-comment-hint = Обов’язковий, якщо не затверджуєте. Голос можна змінити до оприлюднення.
approval-submit = Записати голос
approval-recorded = Ваш голос записано.
