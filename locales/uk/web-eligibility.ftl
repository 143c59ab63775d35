# Хто може голосувати: вебінтерфейс.
adm-param-voter-eligibility = Хто може голосувати онлайн
adm-param-voter-eligibility-hint = Перевіряється за даними, які підтверджує Kyiv ID (місце реєстрації, сплата податків). Паперові бюлетені в ЦНАП не обмежуються: там документи перевіряють особисто.
adm-eligibility-any = Усі зареєстровані на платформі
adm-eligibility-registered = Мешканці, зареєстровані в місті
adm-eligibility-registered-or-taxpayer = Мешканці, зареєстровані в місті, і платники його податків
eligibility-vote-refused = Ви не можете голосувати онлайн у цьому бюджеті
eligibility-confirm-kyiv-id = Підтвердити дані через Kyiv ID
eligibility-paper-hint = Якщо дані Kyiv ID застаріли, оновіть їх у Kyiv ID і увійдіть знову, або проголосуйте в ЦНАП із документами.
