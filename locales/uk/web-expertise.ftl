# Експертиза: екран експерта, висновки на сторінці проєкту, призначення категорій.

nav-expertise = Експертиза
adm-role-expert = Експерт
adm-param-expert-review = Експертиза проєктів
adm-param-expert-review-hint = Проєкт допускають до голосування лише після висновку експерта профільного підрозділу, що не перешкоджає цьому.

exp-title = Експертиза проєктів
exp-forbidden = Цей розділ — для експертів міста.
exp-categories = Ваші категорії: { $list }.
exp-no-categories = Вам ще не призначили жодної категорії. Зверніться до адміністратора міста.
exp-queue-title = Очікують висновку: { $count }
exp-queue-empty = Проєктів, що чекають на ваш висновок, немає.
exp-round = Раунд { $round }
exp-waiting-since = очікує з { $at }
exp-conclude = Дати висновок
exp-verdict = Висновок
exp-feasible = Реалізовний
exp-not-feasible = Нереалізовний
exp-reasons = Підстави
exp-reasons-hint = Обов’язково, якщо проєкт нереалізовний; до 10 000 символів.
exp-correct-cost = Скоригувати кошторис
exp-correct-cost-hint = Ваш кошторис замінить авторський; резерв сесії додається так само.
exp-submit = Надати висновок (раунд { $round })
exp-given = Висновок щодо проєкту «{ $title }» надано.

exp-section = Експертиза
exp-state-awaiting = Проєкт очікує на висновок експерта.
exp-state-concluded = Експерт надав висновок.
exp-state-revised = Автор доопрацював проєкт; очікується остаточний висновок.
exp-state-final = Остаточний висновок надано.
exp-conclusion-by = Раунд { $round }: експерт профільного підрозділу (категорія «{ $category }»)
exp-overturned = Скасовано комісією
exp-cost-corrected = Вартість скориговано: { $before } → { $after }.
exp-revised = Автор доопрацював проєкт { $at }; вартість: { $before } → { $after }.
exp-revise-lead = Ви можете один раз доопрацювати опис і кошторис у відповідь на висновок; після цього експерт надасть остаточний висновок.
exp-revise = Доопрацювати проєкт
exp-revise-hint = Доопрацювання можливе лише один раз.
exp-revise-description = Опис проєкту
exp-revise-submit = Надіслати доопрацювання
exp-revise-done = Доопрацювання надіслано експертові.

exp-admin-title = Категорії експертів
exp-admin-lead = Експерт бачить і оцінює лише проєкти призначених йому категорій.
exp-admin-empty = Категорій ще не призначено.
exp-admin-no-experts = Щоб призначити категорії, спершу надайте комусь роль «Експерт».
exp-admin-expert = Експерт
exp-admin-category = Категорія
exp-assign = Призначити категорію
exp-assignment = { $expert } — { $category }
exp-unassign = Зняти
exp-unassign-named = Зняти категорію «{ $category }» з { $expert }
exp-assigned = Категорію «{ $category }» призначено: { $expert }.
exp-unassigned = Категорію «{ $category }» знято: { $expert }.
