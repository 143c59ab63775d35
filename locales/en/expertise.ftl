# Expert review of projects: problems, project history, e-mails.

problem-expert-conclusion-missing = The expert's conclusion is missing
    .detail = A project cannot be admitted to the vote without an expert's conclusion (or while a revision awaits the final conclusion).
problem-expert-conclusion-negative = The expert found the project not feasible
    .detail = The final conclusion is negative; the project can be admitted only once the commission overturns it.
problem-expertise-off = No expert review
    .detail = Projects of this session are not reviewed by experts.
problem-expert-category-not-assigned = Not your category
    .detail = Conclusions are given by the expert assigned to the project's category.
problem-expertise-not-in-review = The project is not under review
    .detail = Conclusions and revisions are possible while the project is under moderation, before voting starts.
problem-expert-conclusion-exists = A conclusion is already given
    .detail = The round-1 conclusion exists; round 2 follows the author's revision.
problem-expert-conclusion-final = The final conclusion is already given
    .detail = The round-2 conclusion is final.
problem-expert-revision-early = No conclusion yet
    .detail = The project can be revised in answer once an expert has concluded.
problem-expert-revision-not-needed = No revision needed
    .detail = The expert found the project feasible and left its cost as it was.
problem-expert-revision-used = The revision is used
    .detail = The author may revise a project in answer to the expert review only once.
problem-expert-reasons-required = Give the reasons
    .detail = A conclusion that the project is not feasible must give its reasons.
problem-expert-reasons-too-long = The reasons are too long
    .detail = At most { $max } characters.
problem-expert-cost-over-limit = The corrected cost exceeds the maximum
    .detail = If the project does not fit the maximum cost, find it not feasible and say so in the reasons.
problem-expert-role-missing = Not an expert
    .detail = Categories are assigned only to people with the expert role in this city.
problem-expert-category-exists = Category already assigned
    .detail = This expert already reviews this category.
problem-expert-category-not-found = Assignment not found
    .detail = There is no such category assignment in this city.

expertise-history-feasible = Expert conclusion (round { $round }): the project is feasible.
expertise-history-not-feasible = Expert conclusion (round { $round }): the project is not feasible.
expertise-history-cost = Cost corrected: { $before } → { $after } UAH.
expertise-history-revised = The author revised the project after the expert review; cost: { $before } → { $after } UAH.
expertise-verdict-feasible = feasible
expertise-verdict-not-feasible = not feasible

email-expert-conclusion-subject = Project “{ $title }”: the expert's conclusion — Hromada
email-expert-conclusion-body =
    Hello,

    An expert has reviewed your project “{ $title }” (round { $round }): the project is { $verdict }.
    { $reasons }

    The conclusion and, if the expert corrected the estimate, the new cost are on the project's page: { $url }

email-expert-revision-subject = Project “{ $title }” revised — Hromada
email-expert-revision-body =
    Hello,

    The author has revised the project “{ $title }” in answer to your conclusion. The final conclusion (round 2) is needed.

    Project page: { $url }
problem-expert-own-project = Not one's own project
    .detail = An expert gives no conclusion on a project they wrote.
