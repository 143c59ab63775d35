# АРМ модератора: черги, рішення щодо проєктів, паперові бюлетені, результати, контент.
# Спостерігачі бачать усе те саме, але без кнопок дій.

mod-title = Модерація
mod-tabs = Розділи модерації
mod-tab-projects = Проєкти
mod-tab-candidates = Кандидати до ГБК
mod-tab-paper = Паперові бюлетені
mod-tab-results = Результати
mod-tab-content = Контент
mod-forbidden = Цей розділ доступний лише модераторам, адміністраторам і спостерігачам міста.
mod-observer-note = Ви переглядаєте як спостерігач: змінювати дані не можна.
mod-no-session = У міста немає сесії громадського бюджету.
mod-session = Сесія
mod-session-show = Показати
mod-pager = Сторінки
mod-pager-prev = Попередні
mod-pager-next = Наступні
mod-pager-range = { $from }–{ $to } з { $total }

## Проєкти: черга

mod-queue-title = Черга проєктів
mod-queue-filter = Фільтр черги
mod-queue-status = Статус
mod-queue-search = Пошук у назві та описі
mod-queue-show = Показати
mod-queue-count = { $status }: { $count ->
        [one] { $count } проєкт
        [few] { $count } проєкти
       *[other] { $count } проєктів
    }
mod-queue-empty = У цьому статусі проєктів немає.
mod-queue-waiting = Очікує: { $time }
mod-queue-since = У статусі з { $date }
mod-project-pot = Кошик
mod-project-category = Категорія
mod-project-district = Район
mod-project-citywide = Загальноміський
mod-project-cost = Вартість
mod-project-id = № { $id }

## Проєкти: картка модерації

mod-back-to-queue = ← До черги
mod-project-public = Публічна сторінка проєкту
mod-project-author = Автор
mod-project-submitted = Подано
mod-project-address = Адреса
mod-project-beneficiaries = Хто отримає користь
mod-project-notes = Примітки щодо реалізації
mod-project-description = Опис
mod-project-estimate = Кошторис
mod-project-item = Найменування
mod-project-quantity = Кількість
mod-project-unit-price = Ціна за одиницю
mod-project-line-total = Сума
mod-project-total = Разом
mod-project-images = Фото
mod-project-documents = Документи
mod-project-history = Історія статусів
mod-project-history-line = { $from } → { $to }
mod-project-history-created = Створено → { $to }
mod-project-last-comment = Коментар до останнього рішення
mod-decision = Рішення модератора
mod-decision-none = Зі статусу «{ $status }» модератор не може змінити статус проєкту.
mod-decision-hint = Повернення на доопрацювання, відхилення і позначка «не реалізовано» потребують коментаря: автор отримає його листом.
mod-status-changed = Статус проєкту змінено: { $status }.

mod-action-admit = Допустити до голосування
mod-action-admit-text = Проєкт «{ $title }» буде допущено до голосування й опубліковано в каталозі.
mod-action-return-for-revision = Повернути на доопрацювання
mod-action-return-for-revision-text = Проєкт «{ $title }» повернеться авторові. Напишіть, що саме треба виправити.
mod-action-reject = Відхилити
mod-action-reject-text = Проєкт «{ $title }» буде відхилено остаточно. Напишіть причину.
mod-action-start-implementation = Розпочати реалізацію
mod-action-start-implementation-text = Проєкт «{ $title }» отримає статус «Реалізується».
mod-action-mark-implemented = Позначити як реалізований
mod-action-mark-implemented-text = Проєкт «{ $title }» отримає статус «Реалізовано».
mod-action-mark-not-implemented = Позначити як нереалізований
mod-action-mark-not-implemented-text = Проєкт «{ $title }» отримає статус «Не реалізовано». Напишіть причину.
mod-comment-required = Коментар для автора (обов’язково)
mod-comment-optional = Коментар для автора (необов’язково)

## Кандидати до ГБК

mod-candidates-load-error = Не вдалося завантажити чергу заявок кандидатів.

## Паперові бюлетені

mod-paper-title = Паперові бюлетені: { $session }
mod-paper-lead = Бюлетені з центрів надання адміністративних послуг (ЦНАП). Одна людина — один бюлетень: хто вже проголосував онлайн, паперовий бюлетень не подасть.
mod-paper-entry = Ввести бюлетень
mod-paper-voter = Виборець: номер телефону або паспорта
mod-paper-voter-hint = Як у бюлетені: +380…, «МЕ 123456» або ID-картка «123456789».
mod-paper-birth-date = Дата народження
mod-paper-birth-date-hint = Якщо відома: за нею перевіряється вік виборця.
mod-paper-projects = Номери проєктів
mod-paper-projects-hint = Номери проєктів, позначених у бюлетені, через пробіл або кому.
mod-paper-projects-unknown = Проєкт № { $id } не допущено до голосування в цій сесії.
mod-paper-projects-chosen = Позначені проєкти
mod-paper-submit = Зарахувати бюлетень
mod-paper-entered = Бюлетень зараховано: { $votes ->
        [one] { $votes } голос
        [few] { $votes } голоси
       *[other] { $votes } голосів
    }.
mod-paper-import = Імпорт з CSV
mod-paper-import-hint = Перший рядок — заголовок зі стовпцями voter, projects і (необов’язково) birth_date у форматі РРРР-ММ-ДД або ДД.ММ.РРРР. Номери проєктів в одному полі — через пробіл або крапку з комою. Кожен рядок зараховується або відхиляється окремо.
mod-paper-file = Файл CSV
mod-paper-import-submit = Імпортувати
mod-paper-import-busy = Імпортуємо…
mod-paper-file-missing = Оберіть файл CSV.
mod-paper-imports = Імпорти
mod-paper-imports-empty = Імпортів ще не було.
mod-paper-import-file = Файл
mod-paper-import-date = Коли
mod-paper-import-accepted = Зараховано
mod-paper-import-refused = Відхилено
mod-paper-import-open = Звіт імпорту «{ $file }»
mod-paper-report-title = Звіт імпорту № { $id }
mod-paper-report-summary = Зараховано рядків: { $accepted }. Відхилено: { $refused }.
mod-paper-back = ← До імпортів
mod-paper-line = Рядок
mod-paper-line-voter = Виборець
mod-paper-line-result = Результат
mod-paper-line-reason = Причина
mod-paper-line-accepted = Зараховано
mod-paper-line-refused = Відхилено
mod-paper-report-only-refused = Лише відхилені рядки

## Результати

mod-results-title = Результати: { $session }
mod-results-lead = Результати обчислюються за правилом сесії після завершення голосування. Поки їх не опубліковано, їх бачать лише модератори, адміністратори і спостерігачі.
mod-results-not-computed = Результати ще не обчислено.
mod-results-computed-at = Обчислено: { $date }
mod-results-published-at = Опубліковано: { $date }
mod-results-not-published = Ще не опубліковано.
mod-results-compute = Обчислити результати
mod-results-recompute = Обчислити знову
mod-results-recompute-title = Обчислити результати знову?
mod-results-recompute-text = Нові результати замінять обчислені раніше.
mod-results-computed = Результати обчислено.
mod-results-publish = Опублікувати результати
mod-results-publish-title = Опублікувати результати?
mod-results-publish-text = Проєкти-переможці отримають статус «Переможець», інші — «Не пройшов»; автори отримають листи, а результати стануть публічними. Скасувати публікацію не можна.
mod-results-published = Результати опубліковано.
mod-results-public-link = Публічна сторінка результатів
mod-results-pot = Кошик «{ $pot }»
mod-results-rule = Правило
mod-results-budget = Бюджет
mod-results-spent = Розподілено
mod-results-left = Залишок
mod-results-voters = Виборців
mod-results-min-votes = Мінімум голосів для перемоги
mod-results-place = Місце
mod-results-project = Проєкт
mod-results-votes = Голоси
mod-results-cost = Вартість
mod-results-outcome = Результат
mod-results-per-head = Частка на виборця
mod-results-winner = Переможець
mod-results-not-selected = Не пройшов
mod-results-tie = нічия
mod-results-tie-title = Однакова кількість голосів: { $votes }
mod-results-boundary-tie = На межі між переможцями та іншими проєктами є однакова кількість голосів ({ $votes }). Порядок визначено правилом розв’язання нічиїх — перевірте його перед публікацією.
mod-results-no-rows = У цьому кошику немає проєктів.

## Контент

mod-content-sections = Розділи контенту
mod-content-hints = Підказки етапів
mod-content-logo = Логотип
mod-content-translations = Переклади
mod-content-pages = Статичні сторінки

mod-hints-lead = Підказка з’являється, коли відвідувач наводить курсор на етап у шкалі сесії на головній сторінці або переходить на нього клавіатурою.
mod-hint-uk = Підказка українською
mod-hint-en = Підказка англійською
mod-hint-save = Зберегти підказку
mod-hint-saved = Підказку етапу «{ $stage }» збережено.
mod-hint-empty = Підказки немає.
mod-stage-dates = { $start } — { $end }

mod-logo-lead = Логотип показується вгорі сайту й на головній сторінці. Один файл JPEG або PNG до 10 МБ.
mod-logo-current = Поточний логотип
mod-logo-alt = Логотип міста { $city }
mod-logo-none = Логотип ще не завантажено.
mod-logo-file = Новий логотип (JPEG або PNG)
mod-logo-upload = Завантажити логотип
mod-logo-uploaded = Логотип оновлено.
mod-logo-missing = Оберіть файл зображення.

mod-tr-lead = Тут можна змінити будь-який текст сайту для свого міста: назви пунктів меню, заголовки, підписи. Типовий текст залишається, поки переклад не змінено.
mod-tr-lang = Мова
mod-tr-search = Пошук за ключем або текстом
mod-tr-only-overridden = Лише змінені
mod-tr-count = Знайдено: { $count }. Показано перші { $shown }.
mod-tr-count-all = Знайдено: { $count }.
mod-tr-none = Нічого не знайдено.
mod-tr-default = Типовий текст
mod-tr-overridden = змінено
mod-tr-edit = Змінити «{ $key }»
mod-tr-edit-title = Переклад «{ $key }»
mod-tr-value = Текст
mod-tr-value-hint = Аргументи типового тексту, як-от { "{" } $name { "}" }, можна залишити в новому тексті.
mod-tr-reset = Повернути типовий текст
mod-tr-saved = Переклад «{ $key }» збережено.
mod-tr-reset-done = Для «{ $key }» знову показується типовий текст.

mod-pages-lead = Сторінки розділу «Про проект»: положення, контакти, поради. Опубліковані сторінки бачать усі відвідувачі.
mod-pages-new = Нова сторінка
mod-pages-empty = Сторінок ще немає.
mod-pages-col-title = Назва
mod-pages-col-slug = Адреса
mod-pages-col-position = Порядок
mod-pages-col-state = Стан
mod-pages-published = Опубліковано
mod-pages-draft = Чернетка
mod-pages-edit = Редагувати «{ $title }»
mod-pages-back = ← До сторінок
mod-page-new-title = Нова сторінка
mod-page-edit-title = Сторінка «{ $title }»
mod-page-slug = Адреса сторінки
mod-page-slug-hint = Латинські літери, цифри й дефіси, наприклад «polozhennia». Сторінка буде за адресою /about/…
mod-page-title-uk = Назва українською
mod-page-title-en = Назва англійською
mod-page-body-uk = Текст українською (Markdown)
mod-page-body-en = Текст англійською (Markdown)
mod-page-body-hint = Markdown: **жирний**, *курсив*, [посилання](https://…), списки з «- ».
mod-page-position = Порядок у меню
mod-page-published = Опублікувати
mod-page-saved = Сторінку збережено.
mod-page-delete = Видалити сторінку
mod-page-delete-title = Видалити сторінку «{ $title }»?
mod-page-delete-text = Сторінку буде видалено назавжди.
mod-page-deleted = Сторінку видалено.
mod-page-preview = Попередній перегляд (збережена версія)
mod-page-preview-uk = Українською
mod-page-preview-en = Англійською
mod-page-public = Відкрити на сайті
