# Експертиза проєктів: проблеми, історія проєкту, листи.

problem-expert-conclusion-missing = Бракує висновку експертизи
    .detail = Проєкт не можна допустити до голосування без висновку експерта (або поки після доопрацювання автор чекає на остаточний висновок).
problem-expert-conclusion-negative = Експертиза визнала проєкт нереалізовним
    .detail = Остаточний висновок експерта негативний; допустити проєкт можна лише після того, як комісія скасує цей висновок.
problem-expertise-off = Експертизи немає
    .detail = У цій сесії проєкти не проходять експертизу.
problem-expert-category-not-assigned = Це не ваша категорія
    .detail = Висновки дає експерт, якому призначено категорію цього проєкту.
problem-expertise-not-in-review = Проєкт не на розгляді
    .detail = Висновок і доопрацювання можливі, поки проєкт на модерації, до початку голосування.
problem-expert-conclusion-exists = Висновок уже надано
    .detail = Висновок першого раунду вже є; другий можливий лише після доопрацювання автором.
problem-expert-conclusion-final = Остаточний висновок уже надано
    .detail = Висновок другого раунду остаточний.
problem-expert-revision-early = Ще немає висновку
    .detail = Доопрацювати проєкт у відповідь можна після висновку експерта.
problem-expert-revision-not-needed = Доопрацювання не потрібне
    .detail = Експерт визнав проєкт реалізовним і не змінював кошторис.
problem-expert-revision-used = Доопрацювання вже використано
    .detail = Автор може доопрацювати проєкт у відповідь на експертизу лише один раз.
problem-expert-reasons-required = Зазначте підстави
    .detail = Висновок про нереалізовність проєкту має містити підстави.
problem-expert-reasons-too-long = Підстави задовгі
    .detail = Не більше { $max } символів.
problem-expert-cost-over-limit = Скоригована вартість перевищує граничну
    .detail = Якщо проєкт не вкладається в граничну вартість, визнайте його нереалізовним і зазначте це в підставах.
problem-expert-role-missing = Це не експерт
    .detail = Категорії призначають лише особам із роллю експерта в цьому місті.
problem-expert-category-exists = Категорію вже призначено
    .detail = Цей експерт уже розглядає цю категорію.
problem-expert-category-not-found = Призначення не знайдено
    .detail = Такого призначення категорії немає в цьому місті.

expertise-history-feasible = Висновок експертизи (раунд { $round }): проєкт реалізовний.
expertise-history-not-feasible = Висновок експертизи (раунд { $round }): проєкт нереалізовний.
expertise-history-cost = Вартість скориговано: { $before } → { $after } грн.
expertise-history-revised = Автор доопрацював проєкт після експертизи; вартість: { $before } → { $after } грн.
expertise-verdict-feasible = реалізовний
expertise-verdict-not-feasible = нереалізовний

email-expert-conclusion-subject = Проєкт «{ $title }»: висновок експертизи — Громада
email-expert-conclusion-body =
    Вітаємо!

    Експерт розглянув ваш проєкт «{ $title }» (раунд { $round }): проєкт { $verdict }.
    { $reasons }

    Висновок і, якщо експерт скоригував кошторис, нову вартість видно на сторінці проєкту: { $url }

email-expert-revision-subject = Проєкт «{ $title }» доопрацьовано — Громада
email-expert-revision-body =
    Вітаємо!

    Автор доопрацював проєкт «{ $title }» у відповідь на ваш висновок. Потрібен остаточний висновок (раунд 2).

    Сторінка проєкту: { $url }
problem-expert-own-project = Не власний проєкт
    .detail = Експерт не дає висновку щодо проєкту, автором якого є сам.
