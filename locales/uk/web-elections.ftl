# Вибори до громадської бюджетної комісії (ГБК): сторінки виборів і комісії, анкета кандидата,
# черга заявок кандидатів для модераторів. Статуси заявок (candidate-status-*) і назви етапів
# (election-stage-*) — у main.ftl.

## Сторінка виборів

election-page-title = Вибори до громадської бюджетної комісії
election-page-session = Сесія «{ $session }»
election-page-none = У поточній сесії громадського бюджету вибори до ГБК не проводяться.
election-page-disabled = Вибори до громадської бюджетної комісії в цьому місті не проводяться.
election-page-see-commission = Переглянути склад комісії
election-page-now = Зараз: { $stage }
election-page-now-until = Триває до { $date } включно.
election-page-before = Вибори ще не почалися. Початок подання заявок: { $date }
election-page-after = Вибори завершено.
election-page-stages = Етапи виборів
election-page-stage-dates = { $start } — { $end }
election-page-stage-current = (триває зараз)
election-page-rules = Правила виборів
election-page-seats = Місць у комісії
election-page-votes-round1 = Голосів у кожного мешканця в першому турі
election-page-min-votes = Мінімальна кількість голосів для проходження в 2-й тур
election-page-votes-round2 = Голосів у кожного учасника другого туру
election-page-apply-title = Станьте кандидатом
election-page-apply-text = Триває подання заявок. Заповніть анкету кандидата з трьох сторінок і подайте її на модерацію.
election-page-apply = Заповнити заявку кандидата
election-page-my-application = Моя заявка кандидата
election-page-candidates = Кандидати
election-page-candidates-round1 = Учасники першого туру
election-page-candidates-round2 = Учасники другого туру
election-page-no-candidates = Кандидатів ще не оприлюднено. Заявки з’являються тут після того, як модератор допустить їх до першого туру.
election-page-results = Результати
election-page-results-caption = Результати голосування за кандидатів
election-page-results-none = Результати з’являться, щойно завершиться перший тур.
election-page-col-place = №
election-page-col-name = Кандидат
election-page-col-round1 = Голоси в 1-му турі
election-page-col-round2 = Голоси в 2-му турі
election-page-col-outcome = Результат
election-page-tied = Нічия
election-page-tie-notice = Кандидати з позначкою «Нічия» мають однаковий результат за останні місця в комісії, і правила розв’язання нічиєї їх не розрізняють. Рішення ухвалить модератор.
election-page-round1-closed = Перший тур завершено { $date }
election-page-round2-closed = Другий тур завершено { $date }

## Голосування

election-page-vote-title = Ваш голос
election-page-vote-round1 = У першому турі кожен мешканець може віддати до { $limit ->
        [one] { $limit } голосу
       *[other] { $limit } голосів
    } — по одному за різних кандидатів.
election-page-vote-round2 = У другому турі учасники голосують один за одного: до { $limit ->
        [one] { $limit } голосу
       *[other] { $limit } голосів
    }, за себе — не можна.
election-page-vote-remaining = Лишилося { $remaining ->
        [one] { $remaining } голос
        [few] { $remaining } голоси
       *[other] { $remaining } голосів
    } з { $limit }.
election-page-vote-used-up = Ви використали всі голоси цього туру. Дякуємо!
election-page-vote-sign-in = Увійдіть, щоб проголосувати.
election-page-vote-sign-in-button = Увійти й голосувати
election-page-vote-round2-only = У другому турі голосують лише кандидати, які до нього пройшли, — один за одного. Результати з’являться після завершення туру.
election-page-vote-button = Віддати голос
election-page-vote-for = за { $name }
election-page-voted = Ваш голос зараховано
election-page-vote-self = Це ви. За себе в другому турі голосувати не можна.
election-page-vote-done = Ваш голос за { $name } зараховано. Лишилося голосів: { $remaining }.
election-page-vote-profile = Заповнити профіль

## Картка кандидата

candidate-card-photo = Фото: { $name }
candidate-card-motivation = Мотивація
candidate-card-experience = Досвід громадської діяльності
candidate-card-organization = Організація
candidate-card-you = Ви

## Склад комісії

commission-title = Громадська бюджетна комісія
commission-lead = Члени комісії, обрані на виборах до ГБК. Комісія діє до обрання нового складу на наступних виборах.
commission-elected-at = Дата обрання: { $date }
commission-none = Комісію ще не обрано.
commission-members = Члени комісії
commission-no-members = У комісії поки немає членів.
commission-see-election = Сторінка виборів

## Заявка кандидата (анкета з трьох сторінок)

wizard-title = Заявка кандидата до ГБК
wizard-no-election = Зараз немає виборів до громадської бюджетної комісії, на які можна подати заявку.
wizard-intro = Кандидат до громадської бюджетної комісії заповнює анкету з трьох сторінок: особисті дані з профілю, відомості про себе, згоди та документи. Заповнене зберігається після кожної сторінки — можна повернутися пізніше.
wizard-applications-dates = Подання заявок: { $start } — { $end }
wizard-start = Почати заявку
wizard-not-open-yet = Початок подання заявок: { $date }
wizard-closed = Подання заявок завершено.
wizard-see-election = Перейти на сторінку виборів
wizard-steps = Сторінки анкети
wizard-step-of = Сторінка { $n } з { $total }
wizard-step-1 = Особисті дані
wizard-step-2 = Про себе
wizard-step-3 = Згоди та документи
wizard-step-done = (заповнено)
wizard-next = Далі
wizard-save-next = Зберегти й далі
wizard-back = Назад
wizard-personal-hint = Особисті дані беруться з вашого профілю. Щоб їх змінити, відредагуйте профіль.
wizard-personal-missing = Щоб подати заявку, заповніть у профілі: { $fields }.
wizard-go-profile = Перейти до профілю
wizard-edit-profile = Змінити дані в профілі
wizard-name = Прізвище, ім’я, по батькові
wizard-not-filled = не заповнено
wizard-motivation = Мотивація: чому ви хочете стати членом комісії
wizard-motivation-hint = До 5000 символів.
wizard-experience = Досвід громадської діяльності
wizard-experience-hint = Необов’язково. Участь у громадських організаціях, ОСББ, волонтерство тощо.
wizard-organization = Організація, яку ви представляєте
wizard-organization-hint = Необов’язково.
wizard-documents = Документи
wizard-documents-hint = PDF, JPEG або PNG, до 10 МБ кожен, не більше 10 документів.
wizard-documents-none = Документів ще не додано.
wizard-document-file = Файл документа
wizard-document-add = Додати документ
wizard-document-added = Документ «{ $name }» додано.
wizard-document-choose = Оберіть файл.
wizard-document-delete = Видалити документ { $name }
wizard-document-delete-confirm = Видалити документ «{ $name }» із заявки?
wizard-document-deleted = Документ видалено.
wizard-consents = Згоди
wizard-consent-personal-data = Я даю згоду на обробку моїх персональних даних
wizard-consent-rules = Я ознайомився (ознайомилася) з Положенням про громадський бюджет і погоджуюся з умовами виборів до ГБК
wizard-submit = Подати заявку
wizard-resubmit = Подати повторно
wizard-save-draft = Зберегти без подання
wizard-draft-saved = Збережено. Заявку ще не подано.
wizard-submitted = Заявку подано на модерацію.
wizard-status = Статус заявки
wizard-submitted-at = Подано: { $date }
wizard-moderator-comment = Коментар модератора
wizard-rejected-fix = Модератор повернув заявку на доопрацювання. Виправте її та подайте повторно до кінця етапу розгляду заявок ({ $date }).
wizard-rejected-closed = Модератор повернув заявку на доопрацювання, але етап розгляду заявок уже завершився.
wizard-on-moderation = Заявка на модерації. Ми повідомимо вас електронною поштою, щойно модератор її розгляне.
wizard-draft-closed = Подання заявок завершено, а цю чернетку не було подано.
wizard-published = Заявку допущено до виборів; вона оприлюднена на сторінці виборів.
wizard-deleted = Модератор видалив заявку. Її не можна відновити.
wizard-your-application = Ваша заявка
wizard-history = Історія заявки
wizard-history-entry = { $from } → { $to }
wizard-history-created = { $to }

## Модерація заявок кандидатів

ecmod-title = Заявки кандидатів до ГБК
ecmod-no-election = У поточній сесії немає виборів до ГБК.
ecmod-filter = Статус заявок
ecmod-show = Показати
ecmod-queue-caption = Заявки зі статусом «{ $status }»
ecmod-queue-empty = Заявок із цим статусом немає.
ecmod-col-name = Кандидат
ecmod-col-status = Статус
ecmod-col-submitted = Подано
ecmod-col-waiting = Очікує
ecmod-back = До черги заявок
ecmod-personal = Особисті дані
ecmod-no-documents = Документів немає.
ecmod-history = Історія
ecmod-admit = Допустити до 1-го туру
ecmod-admit-confirm = Допустити кандидата { $name } до першого туру? Заявку буде оприлюднено на сайті.
ecmod-reject = Відхилити
ecmod-reject-text = Кандидат зможе виправити заявку й подати її повторно до кінця етапу розгляду.
ecmod-reject-comment = Що треба виправити
ecmod-delete = Видалити
ecmod-delete-text = Заявку буде видалено остаточно, без права доопрацювання.
ecmod-delete-comment = Причина (необов’язково)
ecmod-done = Статус заявки: { $status }.
ecmod-waiting = Очікує: { $time }
ecmod-view-only = Ви переглядаєте заявку без права змінювати її статус.
ecmod-closed = Розгляд заявок завершено: статус заявки вже не змінити.
ecmod-tie-title = Нічия на останніх місцях
ecmod-tie-text = Після другого туру { $count ->
        [one] { $count } кандидат має
        [few] { $count } кандидати мають
       *[other] { $count } кандидатів мають
    } однаковий результат за { $seats ->
        [one] { $seats } місце, що лишилося
        [few] { $seats } місця, що лишилися
       *[other] { $seats } місць, що лишилися
    }. Оберіть, хто з них стає членом комісії, і вкажіть підставу рішення.
ecmod-tie-choose = Обрані до комісії (рівно { $seats })
ecmod-tie-votes = { $name } — 2-й тур: { $round2 }, 1-й тур: { $round1 }
ecmod-tie-comment = Підстава рішення
ecmod-tie-comment-hint = Наприклад: жеребкування на засіданні комісії, протокол № …
ecmod-tie-submit = Затвердити рішення
ecmod-tie-wrong-count = Оберіть стільки кандидатів, скільки лишилося місць: { $seats }.
ecmod-tie-done = Рішення щодо нічиєї збережено.
ecmod-see-election = Сторінка виборів
