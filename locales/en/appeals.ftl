# Appeals and complaints to the public budget commission

appeal-kind-appeal = Appeal
appeal-kind-complaint = Complaint
appeal-subject-rejection = Rejection of the project
appeal-subject-expert-conclusion = Expert conclusion
appeal-status-pending = Before the commission
appeal-status-upheld = Upheld
appeal-status-dismissed = Dismissed
appeal-effect-reinstated = The project was admitted to the vote
appeal-effect-conclusion-overturned = The expert conclusion was overturned
appeal-effect-none = The decision is public
appeal-effect-too-late = Voting had begun: the project could not return
appeal-reinstated-comment = Admitted by the public budget commission's decision on appeal No. { $id }

problem-appeal-not-found = Appeal or complaint not found
    .detail = There is no appeal or complaint No. { $id } in this city.
problem-appeal-no-commission = No commission yet
    .detail = The public budget commission decides appeals and complaints, and this city has not elected one yet.
problem-appeal-subject-invalid = Unknown subject
    .detail = An appeal is against a project's rejection or an expert conclusion; a complaint is about a stage of the budget process.
problem-appeal-kind-invalid = Unknown kind
    .detail = Choose "appeal" or "complaint".
problem-appeal-author-only = For the project's author only
    .detail = Only the author may appeal a decision on a project. Other residents may file a complaint.
problem-appeal-nothing-to-appeal = No decision to appeal
    .detail = The project is not rejected and has no negative expert conclusion.
problem-appeal-window-closed = The time to appeal has passed
    .detail = An appeal could be filed until { $until }.
problem-appeal-too-many = Too many open appeals
    .detail = At most { $max } of your appeals and complaints may await the commission at once.
problem-appeal-exists = Already filed
    .detail = You have already filed this about this project.
problem-appeal-decided = Already decided
    .detail = The commission has decided; votes no longer change.
problem-appeal-status-invalid = Unknown status
    .detail = The status is pending, upheld or dismissed.
problem-appeal-days-invalid = Invalid time to appeal
    .detail = The time to appeal is 0 to { $max } days.

email-appeal-filed-subject = { $kind } No. { $id } awaits the commission — Hromada
email-appeal-filed-body =
    Hello,

    The public budget commission has received { $kind } No. { $id } { $title }.
    As a member, you may vote on it with your reasons.

    Its page: { $url }
email-appeal-decided-subject = { $kind } No. { $id }: { $status } — Hromada
email-appeal-decided-body =
    Hello,

    The public budget commission has decided on your appeal or complaint No. { $id }: { $status }.
    { $effect }

    The members' votes and their reasons: { $url }

# The commission's approval of results

email-results-approval-needed-subject = Results await approval — { $city }
email-results-approval-needed-body =
    Hello,

    The participatory budget results of { $city } are computed. As a member of the public budget commission, approve the winners list or refuse it with your reasons.

    Results: { $url }
email-results-approval-decided-subject = The commission { $decision ->
        [approved] approved
       *[refused] did not approve
    } the results — { $city }
email-results-approval-decided-body =
    Hello,

    The public budget commission { $decision ->
        [approved] approved the winners list. The results may be published.
       *[refused] did not approve the winners list. See the members' reasons.
    }

    Results: { $url }
problem-appeal-own-case = Not in one's own case
    .detail = A commission member does not vote on their own appeal or complaint, nor on one about their own project.
