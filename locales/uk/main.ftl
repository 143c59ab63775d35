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
problem-estimate-bad-quantity = Некоректна кількість
    .detail = Рядок { $line }: кількість має бути цілим числом від 1.
problem-estimate-negative-price = Від’ємна ціна
    .detail = Рядок { $line }: ціна за одиницю не може бути від’ємною.
problem-estimate-total-overflow = Завелика загальна сума
    .detail = Загальна сума кошторису виходить за допустимі межі.
problem-estimate-line-overflow = Завелика сума рядка
    .detail = Рядок { $line }: кількість × ціна виходить за допустимі межі.
problem-login-taken = Логін уже зайнятий
    .detail = Обліковий запис із таким логіном уже існує.
