# The resident's own pages: my projects, the project editor and my votes.

myprojects-title = Мої проєкти
myprojects-new = Запропонувати проєкт
myprojects-submission-closed = Подання нових проєктів зараз закрите.
myprojects-empty = Ви ще не подавали проєктів у цьому місті.
myprojects-cost = Вартість
myprojects-since = У статусі з
myprojects-votes = Голосів
myprojects-edit = Редагувати
myprojects-revise = Доопрацювати
myprojects-open = Відкрити
myprojects-public-page = Сторінка проєкту
myprojects-next-draft = Чернетку бачите лише ви. Додайте фото й кошторис, а тоді подайте на модерацію.
myprojects-next-draft-closed = Етап подання завершився; чернетку вже не можна подати.
myprojects-next-moderation = Проєкт на модерації: чекайте на рішення модератора.
myprojects-next-revision = Модератор повернув проєкт на доопрацювання: виправте й подайте повторно.
myprojects-next-admitted = Проєкт допущено до голосування. Розкажіть про нього друзям!
myprojects-next-rejected = Проєкт відхилено. Причину вказано на сторінці проєкту.
myprojects-next-other = Стежте за статусом на сторінці проєкту.

editor-new-title = Новий проєкт
editor-new-lead = Заповніть опис і кошторис та збережіть чернетку. Після цього можна додати фото й документи та подати проєкт на модерацію.
editor-back = ← Мої проєкти
editor-submission-closed = Подання проєктів зараз закрите. Нові проєкти можна запропонувати на етапі «Подання проєктів».
editor-profile-incomplete-title = Профіль заповнено не повністю
editor-profile-incomplete = Щоб подати проєкт, заповніть у профілі: { $fields }.
editor-profile-link = Перейти до профілю
editor-not-yours = Це не ваш проєкт.
editor-status = Статус:
editor-status-since = з { $when }
editor-revision-title = Коментар модератора
editor-revision-text = Модератор повернув проєкт на доопрацювання. Виправте його й подайте повторно.
editor-reason-title = Причина
editor-content = Зміст проєкту
editor-closed = Змінювати проєкт зараз не можна: етап подання й розгляду завершився.
editor-summary = Про проєкт
editor-submitted-at = Подано
editor-about = Про проєкт
editor-choose = — оберіть —
editor-pot = Бюджет
editor-pot-hint = Від бюджету залежить найбільша можлива вартість проєкту.
editor-pot-option = { $name } (до { $max })
editor-pot-required = Оберіть бюджет.
editor-category = Категорія
editor-category-required = Оберіть категорію.
editor-district = Район
editor-district-hint = Обов’язковий для районних бюджетів. Якщо не вказати, його визначать за точкою на мапі.
editor-district-none = — не вказувати —
editor-district-citywide = Загальноміський
editor-title = Назва проєкту
editor-title-hint = Коротко й зрозуміло, до 200 символів.
editor-description = Опис
editor-description-hint = Що саме зробити, навіщо і для кого. Можна використовувати Markdown: **жирний**, списки, посилання.
editor-beneficiaries = Хто отримає користь
editor-beneficiaries-hint = Хто й скільки людей користуватиметься результатом.
editor-implementation = Як реалізувати
editor-location = Розташування
editor-location-hint = Вкажіть адресу — координати заповняться, коли оберете її зі списку. Або введіть широту й довготу вручну.
editor-address = Адреса
editor-address-hint = Почніть вводити адресу й оберіть її зі списку.
editor-lat = Широта
editor-lon = Довгота
editor-point-set = Координати заповнено за адресою.
editor-point-invalid = Вкажіть і широту, і довготу числами, наприклад 50.4501 та 30.5234.
editor-estimate = Кошторис
editor-estimate-hint = Кожен рядок — товар або робота: назва, кількість і ціна за одиницю в гривнях (до копійок, наприклад 1250,50). Суми рахує сервер — точно до копійки.
editor-line-name = Рядок { $n }: назва
editor-line-quantity = Кількість
editor-line-price = Ціна за одиницю, ₴
editor-line-total = Сума:
editor-line-add = Додати рядок
editor-line-added = Додано рядок { $n }.
editor-line-remove = Видалити
editor-line-remove-n = Видалити рядок { $n }
editor-line-removed = Рядок { $n } видалено.
editor-line-quantity-invalid = Кількість — ціле число, не менше 1.
editor-total = Загальна вартість:
editor-total-partial = { $sum } (не всі рядки заповнено)
editor-reserve-hint = До кошторису додається обов’язковий резерв { $percent }: він входить у загальну вартість проєкту і в граничну суму.
editor-limit = Найбільша вартість проєкту в цьому бюджеті — { $max }.
editor-over-limit = Вартість перевищує найбільшу можливу для цього бюджету — { $max }.
editor-create = Зберегти чернетку
editor-save = Зберегти зміни
editor-saved = Зміни збережено.
editor-created = Чернетку збережено. Додайте фото й документи, а потім подайте проєкт на модерацію.
editor-submit-title = Подання на модерацію
editor-submit-text = Коли все готово, подайте проєкт. Після подання змінювати його можна буде лише тоді, коли модератор поверне його на доопрацювання.
editor-resubmit-text = Виправили все, про що просив модератор? Подайте проєкт повторно.
editor-submit = Подати на модерацію
editor-resubmit = Подати повторно
editor-submit-confirm = Зміни буде збережено, а проєкт — передано модератору. Продовжити?
editor-submitted = Проєкт подано на модерацію.
editor-files = Фото й документи
editor-files-hint = Фото — JPEG або PNG, документи — PDF, до 10 МБ кожен.
editor-images = Фото
editor-documents = Документи
editor-no-images = Фото ще немає.
editor-no-documents = Документів ще немає.
editor-image-alt = Фото проєкту: { $name }
editor-file-size = { $kb } КБ
editor-file-image = Фото для завантаження
editor-file-image-hint = JPEG або PNG.
editor-file-document = Документ для завантаження
editor-file-document-hint = PDF, наприклад кошторис від постачальника.
editor-upload-image = Додати фото
editor-upload-document = Додати документ
editor-file-choose = Оберіть файл.
editor-file-added = Файл «{ $name }» додано.
editor-file-remove = Видалити
editor-file-remove-title = Видалити файл
editor-file-remove-confirm = Видалити «{ $name }» з проєкту?
editor-file-removed = Файл «{ $name }» видалено.
editor-withdraw-title = Відкликати проєкт
editor-withdraw-text = Відкликаний проєкт не бере участі в сесії, і повернути його не можна.
editor-withdraw = Відкликати проєкт
editor-withdraw-confirm = Відкликати проєкт? Цю дію не можна скасувати.
editor-withdrawn = Проєкт відкликано.
editor-history = Історія статусів
editor-history-caption = Зміни статусу, від найновіших
editor-history-to = змінено на
editor-line-calc = { $quantity } × { $price }
editor-history-empty = Змін статусу ще не було.

myvotes-title = Мої голоси
myvotes-no-session = Зараз немає сесії громадського бюджету.
myvotes-summary = Мої голоси в цій сесії
myvotes-cast = { $count ->
        [one] голос віддано
        [few] голоси віддано
       *[other] голосів віддано
    }
myvotes-remaining = { $count ->
        [one] голос залишився
        [few] голоси залишилося
       *[other] голосів залишилося
    }
myvotes-total = { $count ->
        [one] голос у кожного мешканця
        [few] голоси в кожного мешканця
       *[other] голосів у кожного мешканця
    }
myvotes-paper = Ви проголосували паперовим бюлетенем; онлайн-голосування для вас закрите.
myvotes-go-vote = Обрати проєкти
myvotes-not-yet = Голосування ще не почалося.
myvotes-closed = Голосування завершено.
myvotes-per-pot = За бюджетами
myvotes-pot-used = Віддано голосів: { $used }
myvotes-pot-used-of = Віддано { $used } з { $max }; можна ще { $left }
myvotes-voted-for = Проєкти, за які я проголосував(-ла)
myvotes-withdrawal-allowed = У цій сесії голос можна відкликати, поки триває голосування.
myvotes-withdrawal-not-allowed = У цій сесії відданий голос відкликати не можна.
myvotes-none = Ви ще не голосували.
myvotes-project-n = Проєкт № { $id }
myvotes-withdraw = Відкликати голос
myvotes-withdraw-confirm = Відкликати голос за «{ $title }»?
myvotes-withdrawn = Голос за «{ $title }» відкликано.
