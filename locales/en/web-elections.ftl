# Public budget commission elections: the election and commission pages, the candidate's
# application form, the moderators' queue of candidate applications. Application statuses
# (candidate-status-*) and stage names (election-stage-*) are in main.ftl.

## The election page

election-page-title = Public budget commission election
election-page-session = Session “{ $session }”
election-page-none = The current participatory budget session holds no commission election.
election-page-disabled = This city does not hold public budget commission elections.
election-page-see-commission = See the commission
election-page-now = Now: { $stage }
election-page-now-until = Until { $date } inclusive.
election-page-before = The election has not started yet. Applications open on { $date }.
election-page-after = The election is over.
election-page-stages = Election stages
election-page-stage-dates = { $start } – { $end }
election-page-stage-current = (now)
election-page-rules = Election rules
election-page-seats = Seats on the commission
election-page-votes-round1 = Votes per resident in round 1
election-page-min-votes = Minimum votes to reach round 2
election-page-votes-round2 = Votes per participant in round 2
election-page-apply-title = Stand as a candidate
election-page-apply-text = Applications are open. Fill in the three-page candidate form and submit it for moderation.
election-page-apply = Fill in a candidate application
election-page-my-application = My candidate application
election-page-candidates = Candidates
election-page-candidates-round1 = Round 1 participants
election-page-candidates-round2 = Round 2 participants
election-page-no-candidates = No candidates are published yet. Applications appear here once a moderator admits them to round 1.
election-page-results = Results
election-page-results-caption = Votes for the candidates
election-page-results-none = The results appear as soon as round 1 is over.
election-page-col-place = #
election-page-col-name = Candidate
election-page-col-round1 = Round 1 votes
election-page-col-round2 = Round 2 votes
election-page-col-outcome = Outcome
election-page-tied = Tie
election-page-tie-notice = The candidates marked “Tie” have the same result for the last seats and the tie-break rules cannot separate them. A moderator will decide.
election-page-round1-closed = Round 1 closed on { $date }.
election-page-round2-closed = Round 2 closed on { $date }.

## Voting

election-page-vote-title = Your vote
election-page-vote-round1 = In round 1 every resident has up to { $limit ->
        [one] { $limit } vote
       *[other] { $limit } votes
    }, one per candidate.
election-page-vote-round2 = In round 2 the participants vote for one another: up to { $limit ->
        [one] { $limit } vote
       *[other] { $limit } votes
    }, never for themselves.
election-page-vote-remaining = { $remaining ->
        [one] { $remaining } vote
       *[other] { $remaining } votes
    } left of { $limit }.
election-page-vote-used-up = You have used every vote of this round. Thank you!
election-page-vote-sign-in = Sign in to vote.
election-page-vote-sign-in-button = Sign in and vote
election-page-vote-round2-only = In round 2 only the candidates who reached it vote, for one another. The results appear when the round is over.
election-page-vote-button = Vote
election-page-vote-for = for { $name }
election-page-voted = Your vote is counted
election-page-vote-self = This is you. In round 2 you cannot vote for yourself.
election-page-vote-done = Your vote for { $name } is counted. Votes left: { $remaining }.
election-page-vote-profile = Complete your profile

## A candidate's card

candidate-card-photo = Photo: { $name }
candidate-card-motivation = Motivation
candidate-card-experience = Civic experience
candidate-card-organization = Organization
candidate-card-you = You

## The commission

commission-title = Public budget commission
commission-lead = The members elected in the commission election. The commission serves until the next election elects a new one.
commission-elected-at = Elected on { $date }.
commission-none = No commission has been elected yet.
commission-members = Members
commission-no-members = The commission has no members yet.
commission-see-election = The election page

## The candidate's application (a three-page form)

wizard-title = Commission candidate application
wizard-no-election = There is no public budget commission election to apply for now.
wizard-intro = A candidate for the public budget commission fills in a three-page form: personal data from the profile, about yourself, consents and documents. Each page is saved as you go, so you can come back later.
wizard-applications-dates = Applications: { $start } – { $end }.
wizard-start = Start an application
wizard-not-open-yet = Applications open on { $date }.
wizard-closed = Applications are closed.
wizard-see-election = Go to the election page
wizard-steps = Form pages
wizard-step-of = Page { $n } of { $total }
wizard-step-1 = Personal data
wizard-step-2 = About you
wizard-step-3 = Consents and documents
wizard-step-done = (done)
wizard-next = Next
wizard-save-next = Save and continue
wizard-back = Back
wizard-personal-hint = Your personal data come from your profile. To change them, edit the profile.
wizard-personal-missing = To apply, fill in your profile: { $fields }.
wizard-go-profile = Go to the profile
wizard-edit-profile = Change them in the profile
wizard-name = Full name
wizard-not-filled = not filled in
wizard-motivation = Motivation: why you want to join the commission
wizard-motivation-hint = Up to 5,000 characters.
wizard-experience = Civic experience
wizard-experience-hint = Optional. Civic organizations, homeowners’ associations, volunteering and so on.
wizard-organization = The organization you represent
wizard-organization-hint = Optional.
wizard-documents = Documents
wizard-documents-hint = PDF, JPEG or PNG, up to 10 MB each, at most 10 documents.
wizard-documents-none = No documents yet.
wizard-document-file = Document file
wizard-document-add = Add the document
wizard-document-added = Document “{ $name }” added.
wizard-document-choose = Choose a file.
wizard-document-delete = Delete document { $name }
wizard-document-delete-confirm = Delete “{ $name }” from the application?
wizard-document-deleted = Document deleted.
wizard-consents = Consents
wizard-consent-personal-data = I consent to the processing of my personal data
wizard-consent-rules = I have read the participatory budget regulation and accept the terms of the commission election
wizard-submit = Submit the application
wizard-resubmit = Submit again
wizard-save-draft = Save without submitting
wizard-draft-saved = Saved. The application is not submitted yet.
wizard-submitted = The application is submitted for moderation.
wizard-status = Application status
wizard-submitted-at = Submitted on { $date }.
wizard-moderator-comment = The moderator’s comment
wizard-rejected-fix = A moderator returned the application for changes. Fix it and submit it again before the review stage ends ({ $date }).
wizard-rejected-closed = A moderator returned the application for changes, but the review stage is over.
wizard-on-moderation = The application is with the moderators. We will e-mail you as soon as it is reviewed.
wizard-draft-closed = Applications are closed and this draft was never submitted.
wizard-published = The application is admitted to the election and published on the election page.
wizard-deleted = A moderator deleted the application. It cannot be restored.
wizard-your-application = Your application
wizard-history = Application history
wizard-history-entry = { $from } → { $to }
wizard-history-created = { $to }

## Moderating candidate applications

ecmod-title = Commission candidates’ applications
ecmod-no-election = The current session holds no commission election.
ecmod-filter = Application status
ecmod-show = Show
ecmod-queue-caption = Applications “{ $status }”
ecmod-queue-empty = No applications with this status.
ecmod-col-name = Candidate
ecmod-col-status = Status
ecmod-col-submitted = Submitted
ecmod-col-waiting = Waiting
ecmod-back = Back to the queue
ecmod-personal = Personal data
ecmod-no-documents = No documents.
ecmod-history = History
ecmod-admit = Admit to round 1
ecmod-admit-confirm = Admit { $name } to round 1? The application will be published on the site.
ecmod-reject = Reject
ecmod-reject-text = The candidate can fix the application and submit it again until the review stage ends.
ecmod-reject-comment = What needs fixing
ecmod-delete = Delete
ecmod-delete-text = The application is deleted for good; it cannot be fixed.
ecmod-delete-comment = Reason (optional)
ecmod-done = Application status: { $status }.
ecmod-waiting = Waiting: { $time }
ecmod-view-only = You are viewing the application without the right to change its status.
ecmod-closed = The review is over: the application’s status can no longer change.
ecmod-tie-title = A tie for the last seats
ecmod-tie-text = After round 2, { $count } candidates have the same result for { $seats ->
        [one] the { $seats } seat
       *[other] the { $seats } seats
    } left. Choose who joins the commission and give the grounds for the decision.
ecmod-tie-choose = Elected to the commission (exactly { $seats })
ecmod-tie-votes = { $name } — round 2: { $round2 }, round 1: { $round1 }
ecmod-tie-comment = Grounds for the decision
ecmod-tie-comment-hint = For example: a lot drawn at the commission’s meeting, minutes No. …
ecmod-tie-submit = Confirm the decision
ecmod-tie-wrong-count = Choose as many candidates as there are seats left: { $seats }.
ecmod-tie-done = The tie decision is saved.
ecmod-see-election = The election page
