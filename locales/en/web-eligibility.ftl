# Who may vote: web interface.
adm-param-voter-eligibility = Who may vote online
adm-param-voter-eligibility-hint = Judged from what Kyiv ID confirms (the place of registration, paying taxes). Paper ballots at service centres are not restricted: documents are checked there in person.
adm-eligibility-any = Everyone registered on the platform
adm-eligibility-registered = Residents registered in the city
adm-eligibility-registered-or-taxpayer = Residents registered in the city, and its taxpayers
eligibility-vote-refused = You may not vote online in this budget
eligibility-confirm-kyiv-id = Confirm your data with Kyiv ID
eligibility-paper-hint = If your Kyiv ID data are out of date, update them at Kyiv ID and sign in again, or vote at a service centre with your documents.
