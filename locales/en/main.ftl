platform-name = Hromada
platform-tagline = The city's participatory budget: propose projects, vote, follow the results.

problem-not-found = Not found
    .detail = There is nothing at { $path }.
problem-method-not-allowed = Method not allowed
    .detail = This resource does not accept { $method } requests.
problem-malformed-json = Malformed JSON
    .detail = The request body is not valid JSON: { $reason }
problem-invalid-request = Invalid request
    .detail = The request does not have the expected form: { $reason }
problem-unsupported-media-type = Unsupported media type
    .detail = Expected content type { $expected }, got { $actual }.
problem-payload-too-large = Request too large
    .detail = The request body is larger than the allowed { $limit } bytes.
problem-internal = Internal error
    .detail = Something went wrong on our side. Give support the request id { $request_id }.
problem-service-unavailable = Service temporarily unavailable
    .detail = Please try again in a minute.
problem-money-too-many-decimals = Invalid amount
    .detail = An amount has at most two decimal places (kopiykas).
problem-money-overflow = Invalid amount
    .detail = The amount is out of range.
problem-money-invalid = Invalid amount
    .detail = An amount must be a decimal number such as 1999999.99.
problem-city-not-found = City not found
    .detail = There is no city “{ $slug }” on this platform.
problem-project-not-found = Project not found
    .detail = There is no project number { $id } in this city.
problem-estimate-empty = Empty estimate
    .detail = Add at least one line to the estimate.
problem-estimate-too-many-lines = Too many lines
    .detail = An estimate has at most { $max } lines.
problem-estimate-empty-name = Line without a name
    .detail = Line { $line }: give it a name.
problem-estimate-long-name = Line name too long
    .detail = Line { $line }: at most { $max } characters.
problem-estimate-bad-quantity = Invalid quantity
    .detail = Line { $line }: the quantity must be a whole number of at least 1.
problem-estimate-negative-price = Negative price
    .detail = Line { $line }: the unit price must not be negative.
problem-estimate-total-overflow = Total too large
    .detail = The estimate's total is out of range.
problem-estimate-line-overflow = Line total too large
    .detail = Line { $line }: quantity × price is out of range.
problem-cost-reserve-invalid = Invalid cost reserve
    .detail = The reserve is a percentage of the estimate's lines, 0 to { $max }, to hundredths (e.g. 20 or 12.5).
problem-login-taken = Login already taken
    .detail = An account with this login already exists.

## Accounts and sign-in
problem-unauthenticated = Sign in required
    .detail = Sign in to your account to continue.
problem-forbidden = Forbidden
    .detail = You are not allowed to do this.
problem-csrf-failed = Request refused
    .detail = The CSRF token is missing or wrong. Reload the page and try again.
problem-login-empty = Enter your login
    .detail = Your login is your phone or passport number.
problem-login-invalid = Invalid login
    .detail = A login is a mobile phone number (+380XXXXXXXXX) or a passport number (series and number “МЕ123456” or a 9-digit ID card number).
problem-phone-not-ukrainian = Invalid phone number
    .detail = Enter a Ukrainian phone number as +380XXXXXXXXX.
problem-phone-invalid = Invalid phone number
    .detail = Enter a phone number as +380XXXXXXXXX.
problem-email-invalid = Invalid e-mail address
    .detail = Check the e-mail address.
problem-lang-invalid = Unsupported language
    .detail = Choose uk or en.
problem-password-too-short = Password too short
    .detail = A password has at least { $min } characters.
problem-password-too-long = Password too long
    .detail = A password has at most { $max } bytes.
problem-password-too-common = Password too common
    .detail = This password is easy to guess. Choose another, such as a phrase of several words.
problem-password-contains-login = Password contains the login
    .detail = A password must not contain your login.
problem-password-wrong = Wrong password
    .detail = The current password is wrong.
problem-field-required = Required field
    .detail = Fill in this field.
problem-field-too-long = Value too long
    .detail = At most { $max } characters.
problem-birth-date-invalid = Invalid birth date
    .detail = Enter a real date of birth.
problem-facebook-url-invalid = Invalid Facebook link
    .detail = Enter a profile address such as https://www.facebook.com/your.profile.
problem-login-throttled = Too many sign-in attempts
    .detail = Try again in { $seconds } s.
problem-login-failed = Sign-in failed
    .detail = Wrong login or password.
problem-token-invalid = Link not valid
    .detail = The link was already used or has expired. Ask for a new one.
problem-email-missing = No e-mail address
    .detail = Add an e-mail address to your profile first.
problem-email-already-verified = Address already verified
    .detail = Your e-mail address is already verified.
problem-photo-not-found = No photo
    .detail = You have not uploaded a photo yet.
problem-image-too-large = File too large
    .detail = An image has at most { $limit } bytes.
problem-image-type = Unsupported image format
    .detail = Upload a JPEG or PNG image.
problem-image-corrupt = Damaged image
    .detail = The file could not be read as a JPEG or PNG image.

## Administration
problem-slug-invalid = Invalid identifier
    .detail = Use lowercase Latin letters, digits and dashes (2 to 64 characters).
problem-time-zone-invalid = Invalid time zone
    .detail = Give an IANA time zone such as Europe/Kyiv.
problem-city-exists = City already exists
    .detail = A city with this identifier is already on the platform.
problem-user-not-found = User not found
    .detail = There is no account with this login.
problem-role-exists = Role already granted
    .detail = This person already has this role in this city.
problem-role-not-found = Role not found
    .detail = There is no such grant in this city.
problem-email-not-found = E-mail not found
    .detail = There is no such e-mail.
problem-email-not-failed = E-mail has not failed
    .detail = Only an e-mail whose delivery failed can be retried.

## E-mails
email-verify-subject = Confirm your e-mail address — Hromada
email-verify-body =
    Hello, { $name }!

    To confirm your e-mail address, open this link:
    { $link }

    Or enter the code: { $token }

    The link is valid for { $minutes } min. If you did not register on Hromada, just ignore this e-mail.
email-reset-subject = Password reset — Hromada
email-reset-body =
    Hello, { $name }!

    To set a new password, open this link:
    { $link }

    Or enter the code: { $token }

    The link is valid for { $minutes } min and works once. If you did not ask for a password reset, ignore this e-mail: your password stays as it is.

## City directory, sessions, content
problem-boundary-invalid = Invalid district boundary
    .detail = A boundary is a GeoJSON polygon: { $reason }
problem-tile-url-invalid = Invalid tile URL template
    .detail = Give an https address with { "{" }z{ "}" }, { "{" }x{ "}" } and { "{" }y{ "}" }, such as https://tile.openstreetmap.org/{ "{" }z{ "}" }/{ "{" }x{ "}" }/{ "{" }y{ "}" }.png.
problem-map-view-invalid = Invalid map view
    .detail = Latitude from −90 to 90, longitude from −180 to 180, zoom from 0 to 19.
problem-time-zone-locked = The time zone cannot change
    .detail = The city already has budget sessions whose dates are set in its current time zone.
problem-city-has-sessions = The city has sessions
    .detail = A city that already has budget sessions cannot be deleted.
problem-logo-not-found = No logo
    .detail = The city has not uploaded a logo yet.
problem-district-not-found = District not found
    .detail = There is no such district in this city.
problem-district-exists = District already exists
    .detail = A district with this name already exists.
problem-category-not-found = Category not found
    .detail = There is no such category in this city.
problem-category-exists = Category already exists
    .detail = A category with this name already exists.
problem-entry-in-use = Entry in use
    .detail = Projects already use it. Make it inactive instead of deleting it.
problem-session-not-found = Session not found
    .detail = There is no budget session.
problem-session-started = The session has started
    .detail = This can only change before the session starts.
problem-sessions-overlap = Sessions overlap
    .detail = A city runs one budget session at a time: the new session's dates overlap another's.
problem-stages-empty = No stages
    .detail = A session needs stages.
problem-stage-reversed = A stage ends before it starts
    .detail = Check the dates of the “{ $stage }” stage.
problem-stage-out-of-order = Stages out of order
    .detail = The “{ $stage }” stage is out of place or repeated.
problem-stage-not-next-day = Stages must follow each other
    .detail = The stage after “{ $stage }” must start on { $expected }, not { $found }.
problem-stage-missing = A stage is missing
    .detail = The “{ $stage }” stage is required.
problem-stage-started = The stage has started
    .detail = The dates of the “{ $stage }” stage, which has already started, cannot change.
problem-stage-not-found = Stage not found
    .detail = The session has no “{ $stage }” stage.
problem-votes-per-voter-invalid = Invalid number of votes
    .detail = Votes per resident: from 1 to 50.
problem-age-invalid = Invalid age
    .detail = An age from 14 to 100.
problem-results-rule-invalid = Invalid results rule
    .detail = Choose greedy, greedy-no-skip, greedy-threshold, greedy-per-cost or equalshares/add1.
problem-min-votes-invalid = Invalid minimum of votes
    .detail = The minimum number of votes cannot be negative, and the greedy-threshold rule needs it.
problem-show-counts-invalid = Invalid showing of counts
    .detail = Choose live (counts shown while voting lasts) or after_results (only with the results).
problem-pot-vote-limit-invalid = Invalid vote limit of a pot
    .detail = From 1 to 50 votes, or no limit.
problem-registration-methods-invalid = Invalid registration methods
    .detail = Choose at least one of password, kyiv_id.
problem-required-fields-invalid = Invalid required fields
    .detail = An unknown profile field is among the required ones.
problem-pots-invalid = Invalid budget pots
    .detail = A session has from 1 to 20 budget pots.
problem-pot-amounts-invalid = Invalid pot amounts
    .detail = The total and the maximum project cost must be positive, and the maximum not above the total.
problem-translation-key-unknown = Unknown string
    .detail = There is no string “{ $key }” in the translations.
problem-translation-invalid = Invalid translation
    .detail = The text is empty, too long or has a markup error (an unclosed brace, say).
problem-translation-not-overridden = String not overridden
    .detail = The string “{ $key }” has no city translation.
problem-page-not-found = Page not found
    .detail = There is no page “{ $slug }”.
problem-page-exists = Page already exists
    .detail = A page with this address already exists.
problem-image-mismatch = File type mismatch
    .detail = The file is named { $declared } but is { $actual }.

## Kyiv ID
page-back-home = Back to the home page
problem-kyiv-id-disabled = Kyiv ID sign-in unavailable
    .detail = The city has not enabled sign-in with Kyiv ID.
problem-kyiv-id-cancelled = Sign-in cancelled
    .detail = You cancelled signing in with Kyiv ID. Try again when you are ready.
problem-kyiv-id-failed = Kyiv ID refused
    .detail = Kyiv ID reported an error. Please try again.
problem-kyiv-id-state-invalid = Sign-in session not valid
    .detail = The sign-in link is old, already used or opened in another browser. Start signing in again.
problem-kyiv-id-unavailable = Kyiv ID unavailable
    .detail = Kyiv ID could not be reached. Try again in a few minutes.
problem-kyiv-id-rejected = Kyiv ID answer refused
    .detail = Kyiv ID's answer failed a security check. Start signing in again.
problem-kyiv-id-missing-fields = Your Kyiv ID profile lacks data
    .detail = To take part, complete in your Kyiv ID profile: { $fields }. Then sign in again.
problem-kyiv-id-account-exists = Account already exists
    .detail = This phone number is already registered. Sign in with your login and password and link Kyiv ID in your profile.
problem-kyiv-id-linked-elsewhere = Kyiv ID already linked
    .detail = This Kyiv ID account is linked to another user.
field-last-name = Last name
field-first-name = First name
field-patronymic = Patronymic
field-birth-date = Date of birth
field-phone = Phone number
field-email = E-mail
field-registration-address = Registration address
field-residence-address = Residence address
field-photo = Photo

## Projects
geocoding-mode-sequential = Sequential
geocoding-mode-sequential-description = Ask the service of priority 3 first; if it finds nothing, the one of priority 2, then 1.
geocoding-mode-parallel = Parallel
geocoding-mode-parallel-description = Ask every enabled service at once; the list under the address field shows all variants: priority 3 first, then 2, then 1.
geocoding-provider-nominatim = OpenStreetMap Nominatim
geocoding-provider-visicom = Visicom
geocoding-provider-google = Google Maps
stage-kind-submission = Submission
stage-kind-review = Review
stage-kind-voting = Voting
stage-kind-results = Results
stage-kind-implementation = Implementation
election-stage-applications = Applications
election-stage-review = Review
election-stage-round1 = Round 1
election-stage-round2 = Round 2
election-stage-results = Results
candidate-status-draft = Draft
candidate-status-on-moderation = Under moderation
candidate-status-deleted = Deleted
candidate-status-rejected = Rejected
candidate-status-round1 = Round 1 candidate
candidate-status-round2 = Round 2 candidate
candidate-status-not-advanced = Did not reach round 2
candidate-status-elected = Commission member
candidate-status-not-elected = Not elected
project-status-draft = Draft
project-status-on-moderation = Under moderation
project-status-needs-revision = Returned for revision
project-status-rejected = Rejected
project-status-admitted = Admitted to the vote
project-status-withdrawn = Withdrawn by the author
project-status-winner = Winner
project-status-not-selected = Not selected
project-status-in-progress = Being implemented
project-status-implemented = Implemented
project-status-not-implemented = Not implemented
problem-submission-closed = Project submission is closed
    .detail = Projects can be submitted and changed only during the submission stage of the current session.
problem-project-not-editable = The project cannot be changed
    .detail = Only a draft, or a project returned for revision, can be changed.
problem-project-status-changed = The project's status has just changed
    .detail = Reload the page and try again.
problem-project-transition-invalid = Not possible from the current status
    .detail = This action is not available for a project in status “{ $status }”.
problem-project-period-closed = Not at this stage
    .detail = This action is not available at the current stage of the session.
problem-project-set-by-results = Set by the results
    .detail = A project becomes a winner or not selected only when the results are published.
problem-comment-required = A comment is required
    .detail = Give the reason, or say what to revise.
problem-pot-unknown = Unknown budget
    .detail = Choose a budget (project type) of the current session.
problem-category-unknown = Unknown category
    .detail = Choose one of the city's categories.
problem-district-unknown = Unknown district
    .detail = Choose one of the city's districts.
problem-district-required = A district is required
    .detail = For a district project, choose the district or put the place on the map inside it.
problem-place-invalid = Invalid place
    .detail = Latitude must be -90 to 90 and longitude -180 to 180, both together.
problem-project-over-limit = The estimate exceeds the maximum cost
    .detail = The total of { $total } UAH exceeds the maximum of { $max } UAH by { $over } UAH.
problem-profile-incomplete = Complete your profile
    .detail = To take part, fill in: { $fields }.
problem-author-too-young = Too young to be an author
    .detail = Projects can be submitted from the age of { $age }.
problem-status-unknown = Unknown status
    .detail = Give one of the project statuses.
problem-file-kind-unknown = Unknown kind of file
    .detail = One of: image (JPEG or PNG), document (PDF).
problem-document-too-large = Document too large
    .detail = A document has at most { $limit } bytes.
problem-document-type = Unsupported document format
    .detail = Upload the document as a PDF.
problem-document-corrupt = Damaged document
    .detail = The PDF file is cut short or damaged. Upload it again.
problem-project-files-limit = Too many files
    .detail = { $kind ->
        [image] A project has at most { $max } images.
       *[other] A project has at most { $max } documents.
    } Remove a file and try again.
problem-file-not-found = File not found
    .detail = The project has no file number { $id }.
problem-storage-unavailable = File storage unavailable
    .detail = The file was not saved. Try again a little later.
problem-api-key-invalid = Invalid API key
    .detail = Send a key issued by the city's administrator in the X-Api-Key header.
problem-api-key-revoked = API key revoked
    .detail = This key no longer works. Ask the city's administrator for a new one.
problem-api-key-wrong-city = A key of another city
    .detail = This key does not open the data of the city "{ $slug }".
problem-api-key-not-found = API key not found
    .detail = The city has no key number { $id }.
problem-supporter-own-project = This is your project
    .detail = An author cannot support their own project.
problem-supporter-not-admitted = The project has not passed moderation
    .detail = A project's team can be joined once it is admitted to the vote.
problem-supporter-already = You are a supporter already
    .detail = You are in this project's team.
problem-supporter-pending = Already applied
    .detail = Your application is waiting for the author's decision.
problem-supporter-transition-invalid = No such status change
    .detail = An application in status "{ $status }" cannot be changed so.
problem-supporter-status-changed = The application just changed
    .detail = Someone changed the application's status. Reload the page and try again.
problem-supporter-not-found = Application not found
    .detail = The project has no application number { $id }.
problem-vote-not-open = Voting has not started
    .detail = Votes are taken in the voting stage only.
problem-vote-closed = Voting has ended
    .detail = The voting stage is over.
problem-vote-profile-incomplete = Complete your profile to vote
    .detail = Missing: { $fields }.
problem-vote-too-young = Too young to vote
    .detail = Residents vote from the age of { $age }.
problem-vote-not-admitted = The project is not admitted to the vote
    .detail = Only projects admitted to the vote take votes.
problem-vote-other-session = A project of another session
    .detail = Project { $project } is not among this session's projects.
problem-vote-already = Already voted
    .detail = You have voted for this project already (or this person's ballot is in).
problem-vote-none-left = No votes left
    .detail = You have used all { $limit } votes.
problem-vote-pot-limit = No votes left in this pot
    .detail = This pot takes at most { $limit } votes from one voter.
problem-vote-category-used = A vote in this theme is cast already
    .detail = This session gives one vote per theme (category): you have supported a project of this category already. To vote for this one, first take that vote back, if the session allows it.
problem-vote-other-channel = Voted another way already
    .detail = { $channel ->
        [paper] This person has voted on paper at a service centre.
       *[other] This person has voted online.
    } One person, one ballot.
problem-vote-withdrawal-off = Votes cannot be taken back
    .detail = In this session a vote is final.
problem-vote-not-cast = No such vote
    .detail = You have not voted for this project.
problem-vote-duplicate = A project twice on the ballot
    .detail = Each project can be marked once on a ballot.
problem-vote-empty = An empty ballot
    .detail = The ballot marks no project.
problem-vote-voter-invalid = Invalid voter number
    .detail = Give the voter's phone or passport number.
problem-vote-import-invalid = The file cannot be read
    .detail = Upload a CSV file in UTF-8.
problem-vote-import-header = Columns missing
    .detail = The file's first line must name the columns voter and projects (and birth_date if you have it).
problem-vote-import-too-long = File too long
    .detail = One import has at most { $max } lines.
problem-vote-import-line = Line cannot be read
    .detail = The CSV line is damaged.
problem-vote-import-projects = Invalid project numbers
    .detail = Separate project numbers with spaces or semicolons.
problem-vote-import-birth-date = Invalid birth date
    .detail = Write the date as YYYY-MM-DD or DD.MM.YYYY.
problem-results-voting-open = Voting is still open
    .detail = Results are computed once the voting stage is over.
problem-results-published = Results already published
    .detail = Published results do not change.
problem-results-not-approved = The commission has not approved the winners yet
    .detail = The city has a public budget commission: results are published once a majority of its members ({ $members }) approve the winners list.
problem-commission-only = For commission members only
    .detail = Only members of the public budget commission elected at the latest election vote here.
problem-approval-reason-required = A reason is required
    .detail = To refuse the winners list, give a reason.
problem-results-not-computed = No results yet
    .detail = Compute the results of every pot first.
problem-results-not-published = Results not published yet
    .detail = The results appear once a moderator publishes them.
problem-results-not-allowed = Results cannot be published
    .detail = Project statuses cannot change at this stage of the session.
problem-pot-not-found = Pot not found
    .detail = The session has no pot number { $id }.
problem-population-invalid = Invalid population
    .detail = From 0 to 100,000,000; 0 removes it.
problem-vote-import-not-found = No such import
    .detail = This session has no paper-ballot import with that number.
problem-election-not-enabled = Commission elections are off
    .detail = This city does not hold public budget commission elections (“Allow the commission” in its other settings).
problem-election-not-found = No such election
    .detail = There is no such commission election.
problem-candidate-not-found = No such application
    .detail = There is no such candidate application.
problem-election-started = The election has started
    .detail = An election’s parameters and stages can change only before it starts.
problem-election-exists = There is an election already
    .detail = This session already has a commission election.
problem-election-tie-break = Unknown tie-break
    .detail = Possible: round1_votes (round-1 votes), earlier_application (the earlier application).
problem-election-parameter = Value not allowed
    .detail = Minimum votes: 1 or more; votes per round: 1 to 100; commission seats: 1 to 1000; each tie-break at most once.
problem-election-stage-closed = Not at this stage
    .detail = This action is not available at the election’s current stage.
problem-candidate-transition-invalid = Not possible from the current status
    .detail = This action is not available for an application in status “{ $status }”.
problem-candidate-status-changed = The application just changed
    .detail = Someone changed the application’s status. Reload the page and try again.
problem-candidate-application-exists = You have applied already
    .detail = You already have a candidate application in this election.
problem-candidate-application-locked = The application cannot change
    .detail = An application can be edited as a draft while applications are open, or after a rejection until the review ends.
problem-candidate-application-incomplete = The application is incomplete
    .detail = Missing: { $fields }.
problem-candidate-profile-incomplete = Complete your profile to stand as a candidate
    .detail = Missing: { $fields }.
problem-election-profile-incomplete = Complete your profile to vote
    .detail = Missing: { $fields }.
problem-candidate-status-unknown = Unknown status
    .detail = There is no such candidate application status.
problem-candidate-document-type = Unsupported document
    .detail = Attach a PDF, JPEG or PNG file.
problem-candidate-documents-limit = Too many documents
    .detail = An application can carry at most { $max } documents.
problem-election-vote-not-open = Voting has not started
    .detail = Voting in this round has not started yet.
problem-election-vote-closed = Voting has ended
    .detail = Voting in this round has ended.
problem-election-vote-not-candidate = Not in this round
    .detail = You can vote only for candidates in the current round.
problem-election-vote-not-participant = Only round-2 candidates vote
    .detail = In round 2 only the candidates who reached it vote.
problem-election-vote-self = You cannot vote for yourself
    .detail = In round 2 candidates vote only for one another.
problem-election-vote-already = Already voted
    .detail = You have voted for this candidate in this round already.
problem-election-vote-none-left = No votes left
    .detail = You have used all { $limit } votes of this round.
problem-election-vote-too-young = Too young to vote
    .detail = Residents vote from the age of { $min }.
problem-election-results-not-ready = No results yet
    .detail = The results appear once round 1 has ended.
problem-election-no-tie = No tie
    .detail = Every seat of the commission has been filled.
problem-election-tie-choice = Choose the candidates
    .detail = Choose exactly { $seats } of the tied candidates.
problem-stage-unknown = Unknown stage
    .detail = There is no such stage.
problem-geocoding-unavailable = Address search is unavailable right now
    .detail = No geocoding service answered. Try again later or place the point on the map by hand.
problem-geocoding-throttled = Too many address searches
    .detail = Wait { $seconds } s and try again.
problem-geocoding-query-invalid = Invalid address query
    .detail = Type an address (up to { $max } characters).
problem-geocoding-priority-invalid = Invalid priority
    .detail = The priority of { $provider } must be 1, 2 or 3.
problem-geocoding-priority-taken = Priority already taken
    .detail = Two enabled services cannot share priority { $priority }.
problem-geocoding-base-url-invalid = Invalid service address
    .detail = The base URL of { $provider } must be an absolute http(s) URL.
problem-geocoding-timeout-invalid = Invalid timeout
    .detail = The timeout of { $provider } must be between { $min } and { $max } ms.
problem-geocoding-key-required = API key required
    .detail = To enable { $provider }, give its API key.
problem-geocoding-key-invalid = Invalid API key
    .detail = The API key of { $provider } is too long or has spaces.
problem-geocoding-radius-invalid = Invalid search radius
    .detail = The search radius must be between { $min } and { $max } km.
problem-geocoding-providers-invalid = Invalid list of services
    .detail = Give the settings of every geocoding service exactly once.
problem-sort-unknown = Unknown order
    .detail = One of: random, newest, cost_asc, cost_desc, votes.
problem-sort-votes-session = Choose a session
    .detail = Ordering by votes works within one session (the session parameter).
problem-sort-votes-hidden = Votes are hidden yet
    .detail = In this session the counts are shown with the results.
problem-action-unknown = Unknown action
    .detail = Give one of the project actions.
email-project-status-subject = Project “{ $title }”: { $status } — Hromada
email-project-status-body =
    Hello!

    The status of your project “{ $title }” is now: { $status }.
    { $comment }

    The project's page: { $url }

supporter-status-pending = Pending
supporter-status-accepted = Supporter
supporter-status-rejected = Rejected
supporter-status-removed = Removed

email-supporter-applied-subject = A new supporter application: “{ $title }” — Hromada
email-supporter-applied-body =
    Hello!

    { $name } wants to join the team of your project “{ $title }”.
    { $comment }

    Review the application in the Supporters tab: { $url }

email-candidate-status-subject = Your commission candidacy: { $status } — Hromada
email-candidate-status-body =
    Hello,

    The status of your application to the public budget commission is now: { $status }.
    { $comment }

    The election: { $url }

email-election-tie-subject = Commission election: a tie at the last seats — Hromada
email-election-tie-body =
    Hello,

    After round 2, { $candidates } candidates are tied for the { $seats } seats left, and the tie-break rules do not separate them. A moderator must decide.

    The election: { $url }

email-supporter-status-subject = Your application to the team of “{ $title }”: { $status } — Hromada
email-supporter-status-body =
    Hello!

    The author of the project “{ $title }” changed the status of your application: { $status }.
    { $comment }

    The project's page: { $url }

results-rule-greedy = Projects are ranked by votes; each one wins whose cost still fits the money left in the pot, and one that does not fit is skipped.
results-rule-greedy-no-skip = Projects are ranked by votes; they win in turn until the first one that does not fit the money left, where the selection stops.
results-rule-greedy-threshold = Projects with at least { $min } votes are ranked by votes; each one wins whose cost still fits the money left in the pot.
results-rule-greedy-per-cost = Votes per hryvnia: projects are ranked by their votes divided by their cost; each one wins whose cost still fits the money left in the pot, and one that does not fit is skipped. With an equal number of votes per hryvnia, the project with more votes comes first.
results-rule-equalshares-add1 = The Method of Equal Shares: the pot is shared equally among the voters, and a project wins when its supporters can pay for it together; each voter's share is raised by 1 hryvnia while the outcome fits the pot.
results-ties = With equal votes the cheaper project comes first, then the one submitted earlier.
