# Апеляції та скарги до громадської бюджетної комісії (ГБК)

appeal-kind-appeal = Апеляція
appeal-kind-complaint = Скарга
appeal-subject-rejection = Відхилення проєкту
appeal-subject-expert-conclusion = Висновок експерта
appeal-status-pending = На розгляді комісії
appeal-status-upheld = Задоволено
appeal-status-dismissed = Відхилено
appeal-effect-reinstated = Проєкт допущено до голосування
appeal-effect-conclusion-overturned = Висновок експерта скасовано
appeal-effect-none = Рішення оприлюднено
appeal-effect-too-late = Голосування вже почалося: проєкт не повернуто
appeal-reinstated-comment = Допущено рішенням громадської бюджетної комісії за апеляцією № { $id }

problem-appeal-not-found = Апеляцію чи скаргу не знайдено
    .detail = Немає апеляції чи скарги № { $id } у цьому місті.
problem-appeal-no-commission = Комісії ще немає
    .detail = Апеляції та скарги розглядає громадська бюджетна комісія, а в місті її ще не обрано.
problem-appeal-subject-invalid = Невідомий предмет
    .detail = Апеляцію подають на відхилення проєкту чи висновок експерта, скаргу — на етап бюджетного процесу.
problem-appeal-kind-invalid = Невідомий вид звернення
    .detail = Оберіть «апеляція» або «скарга».
problem-appeal-author-only = Лише для автора проєкту
    .detail = Апеляцію на рішення щодо проєкту може подати лише його автор. Інші мешканці можуть подати скаргу.
problem-appeal-nothing-to-appeal = Немає рішення для оскарження
    .detail = Проєкт не відхилено і негативного висновку експерта немає.
problem-appeal-window-closed = Строк подання апеляції минув
    .detail = Апеляцію можна було подати до { $until }.
problem-appeal-too-many = Забагато звернень на розгляді
    .detail = Одночасно на розгляді комісії може бути не більше { $max } ваших звернень.
problem-appeal-exists = Звернення вже подано
    .detail = Ви вже подали таке звернення щодо цього проєкту.
problem-appeal-decided = Рішення вже ухвалено
    .detail = Комісія вже ухвалила рішення; голоси більше не змінюються.
problem-appeal-status-invalid = Невідомий стан
    .detail = Стан звернення: pending, upheld або dismissed.
problem-appeal-days-invalid = Неправильний строк апеляції
    .detail = Строк подання апеляції — від 0 до { $max } днів.

email-appeal-filed-subject = { $kind } № { $id } чекає рішення комісії — Громада
email-appeal-filed-body =
    Вітаємо!

    До громадської бюджетної комісії надійшло звернення: { $kind } № { $id } { $title }.
    Як член комісії, ви можете проголосувати за нього з обґрунтуванням.

    Сторінка звернення: { $url }
email-appeal-decided-subject = { $kind } № { $id }: { $status } — Громада
email-appeal-decided-body =
    Вітаємо!

    Громадська бюджетна комісія ухвалила рішення щодо вашого звернення № { $id }: { $status }.
    { $effect }

    Голоси членів комісії та їхні обґрунтування: { $url }

# Затвердження підсумків комісією

email-results-approval-needed-subject = Підсумки голосування чекають на затвердження — { $city }
email-results-approval-needed-body =
    Вітаємо!

    Підсумки голосування громадського бюджету ({ $city }) підраховано. Як член громадської бюджетної комісії, затвердьте список переможців або відхиліть його з обґрунтуванням.

    Підсумки: { $url }
email-results-approval-decided-subject = Комісія { $decision ->
        [approved] затвердила
       *[refused] не затвердила
    } підсумки — { $city }
email-results-approval-decided-body =
    Вітаємо!

    Громадська бюджетна комісія { $decision ->
        [approved] затвердила список переможців. Підсумки можна оприлюднити.
       *[refused] не затвердила список переможців. Перегляньте обґрунтування членів комісії.
    }

    Підсумки: { $url }
problem-appeal-own-case = Не у власній справі
    .detail = Член комісії не голосує щодо власного звернення чи звернення про власний проєкт.
