# Who may vote (the session's voter_eligibility rule): problems.
problem-vote-eligibility-unverified = Confirm your registration with Kyiv ID
    .detail = In this budget, residents whose registration in { $city } Kyiv ID confirms may vote. Sign in with Kyiv ID or link it in your profile: an address typed by hand does not count.
problem-vote-eligibility-registered-elsewhere = You are registered in another settlement
    .detail = According to Kyiv ID you are registered in { $settlement }. Only residents registered in { $city } may vote.
problem-vote-eligibility-elsewhere-not-taxpayer = Residents and taxpayers of the city may vote
    .detail = According to Kyiv ID you are registered in { $settlement }, and Kyiv ID does not confirm that you pay taxes to the budget of { $city }.
problem-vote-eligibility-not-taxpayer = Residents and taxpayers of the city may vote
    .detail = Kyiv ID confirms neither your registration in { $city } nor that you pay taxes to its budget.
problem-voter-eligibility-invalid = Invalid rule of who may vote
    .detail = Choose one of: everyone, residents registered in the city, or residents registered in the city and its taxpayers.
