# The moderator's workplace: queues, decisions on projects, paper ballots, results, content.
# Observers see the same, without the action buttons.

mod-title = Moderation
mod-tabs = Moderation sections
mod-tab-projects = Projects
mod-tab-candidates = Commission candidates
mod-tab-paper = Paper ballots
mod-tab-results = Results
mod-tab-content = Content
mod-forbidden = This section is for the city's moderators, administrators and observers only.
mod-observer-note = You are viewing as an observer: nothing can be changed.
mod-no-session = The city has no participatory budget session.
mod-session = Session
mod-session-show = Show
mod-pager = Pages
mod-pager-prev = Previous
mod-pager-next = Next
mod-pager-range = { $from }–{ $to } of { $total }

## Projects: the queue

mod-queue-title = Project queue
mod-queue-filter = Queue filter
mod-queue-status = Status
mod-queue-search = Search titles and descriptions
mod-queue-show = Show
mod-queue-count = { $status }: { $count ->
        [one] { $count } project
       *[other] { $count } projects
    }
mod-queue-empty = No projects have this status.
mod-queue-waiting = Waiting: { $time }
mod-queue-since = In this status since { $date }
mod-project-pot = Pot
mod-project-category = Category
mod-project-district = District
mod-project-citywide = Citywide
mod-project-cost = Cost
mod-project-id = No. { $id }

## Projects: the moderation card

mod-back-to-queue = ← Back to the queue
mod-project-public = The project's public page
mod-project-author = Author
mod-project-submitted = Submitted
mod-project-address = Address
mod-project-beneficiaries = Who benefits
mod-project-notes = Implementation notes
mod-project-description = Description
mod-project-estimate = Cost estimate
mod-project-item = Item
mod-project-quantity = Quantity
mod-project-unit-price = Unit price
mod-project-line-total = Amount
mod-project-total = Total
mod-project-images = Photos
mod-project-documents = Documents
mod-project-history = Status history
mod-project-history-line = { $from } → { $to }
mod-project-history-created = Created → { $to }
mod-project-last-comment = Comment on the last decision
mod-decision = Moderator's decision
mod-decision-none = A moderator cannot change a project's status from “{ $status }”.
mod-decision-hint = Returning for revision, rejecting and marking as not implemented need a comment: the author receives it by e-mail.
mod-status-changed = The project's status has changed: { $status }.

mod-action-admit = Admit to the vote
mod-action-admit-text = “{ $title }” will be admitted to the vote and published in the catalogue.
mod-action-return-for-revision = Return for revision
mod-action-return-for-revision-text = “{ $title }” goes back to its author. Write what needs to be changed.
mod-action-reject = Reject
mod-action-reject-text = “{ $title }” will be rejected for good. Write the reason.
mod-action-start-implementation = Start implementation
mod-action-start-implementation-text = “{ $title }” will become “In progress”.
mod-action-mark-implemented = Mark as implemented
mod-action-mark-implemented-text = “{ $title }” will become “Implemented”.
mod-action-mark-not-implemented = Mark as not implemented
mod-action-mark-not-implemented-text = “{ $title }” will become “Not implemented”. Write the reason.
mod-comment-required = Comment for the author (required)
mod-comment-optional = Comment for the author (optional)

## Commission candidates

mod-candidates-load-error = The queue of candidates' applications could not be loaded.

## Paper ballots

mod-paper-title = Paper ballots: { $session }
mod-paper-lead = Ballots from the administrative service centres (ЦНАП). One person, one ballot: whoever voted online cannot hand in a paper ballot.
mod-paper-entry = Enter a ballot
mod-paper-voter = Voter: phone or passport number
mod-paper-voter-hint = As on the ballot: +380…, “МЕ 123456” or an ID card “123456789”.
mod-paper-birth-date = Date of birth
mod-paper-birth-date-hint = If known: the voter's age is checked against it.
mod-paper-projects = Project numbers
mod-paper-projects-hint = The numbers of the projects marked on the ballot, separated by spaces or commas.
mod-paper-projects-unknown = Project No. { $id } is not admitted to the vote in this session.
mod-paper-projects-chosen = Marked projects
mod-paper-submit = Count the ballot
mod-paper-entered = Ballot counted: { $votes ->
        [one] { $votes } vote
       *[other] { $votes } votes
    }.
mod-paper-import = Import from CSV
mod-paper-import-hint = The first line is a header naming the columns voter, projects and (optionally) birth_date as YYYY-MM-DD or DD.MM.YYYY. Project numbers in one field are separated by spaces or semicolons. Every line is counted or refused on its own.
mod-paper-file = CSV file
mod-paper-import-submit = Import
mod-paper-import-busy = Importing…
mod-paper-file-missing = Choose a CSV file.
mod-paper-imports = Imports
mod-paper-imports-empty = There have been no imports yet.
mod-paper-import-file = File
mod-paper-import-date = When
mod-paper-import-accepted = Counted
mod-paper-import-refused = Refused
mod-paper-import-open = Report of the import “{ $file }”
mod-paper-report-title = Import No. { $id } report
mod-paper-report-summary = Lines counted: { $accepted }. Refused: { $refused }.
mod-paper-back = ← Back to the imports
mod-paper-line = Line
mod-paper-line-voter = Voter
mod-paper-line-result = Result
mod-paper-line-reason = Reason
mod-paper-line-accepted = Counted
mod-paper-line-refused = Refused
mod-paper-report-only-refused = Refused lines only

## Results

mod-results-title = Results: { $session }
mod-results-lead = Results are computed by the session's rule once voting has closed. Until they are published only moderators, administrators and observers see them.
mod-results-not-computed = The results have not been computed yet.
mod-results-computed-at = Computed: { $date }
mod-results-published-at = Published: { $date }
mod-results-not-published = Not published yet.
mod-results-compute = Compute the results
mod-results-recompute = Compute again
mod-results-recompute-title = Compute the results again?
mod-results-recompute-text = The new results replace the ones computed before.
mod-results-computed = The results have been computed.
mod-results-publish = Publish the results
mod-results-publish-title = Publish the results?
mod-results-publish-text = Winning projects become “Winner”, the others “Not selected”; their authors are e-mailed and the results become public. Publishing cannot be undone.
mod-results-published = The results have been published.
mod-results-public-link = The public results page
mod-results-pot = Pot “{ $pot }”
mod-results-rule = Rule
mod-results-budget = Budget
mod-results-spent = Allocated
mod-results-left = Left
mod-results-voters = Voters
mod-results-min-votes = Minimum votes to win
mod-results-place = Place
mod-results-project = Project
mod-results-votes = Votes
mod-results-cost = Cost
mod-results-outcome = Outcome
mod-results-per-head = Share per voter
mod-results-winner = Winner
mod-results-not-selected = Not selected
mod-results-tie = tie
mod-results-tie-title = Same number of votes: { $votes }
mod-results-boundary-tie = Winners and other projects share a number of votes ({ $votes }) at the boundary. The order was set by the tie-breaking rule: check it before publishing.
mod-results-no-rows = This pot has no projects.

## Content

mod-content-sections = Content sections
mod-content-hints = Stage hints
mod-content-logo = Logo
mod-content-translations = Translations
mod-content-pages = Static pages

mod-hints-lead = A hint appears when a visitor points at a stage of the session timeline on the home page, or reaches it with the keyboard.
mod-hint-uk = Hint in Ukrainian
mod-hint-en = Hint in English
mod-hint-save = Save the hint
mod-hint-saved = The hint of the “{ $stage }” stage has been saved.
mod-hint-empty = No hint.
mod-stage-dates = { $start } — { $end }

mod-logo-lead = The logo appears at the top of the site and on the home page. One JPEG or PNG file up to 10 MB.
mod-logo-current = Current logo
mod-logo-alt = Logo of { $city }
mod-logo-none = No logo has been uploaded yet.
mod-logo-file = New logo (JPEG or PNG)
mod-logo-upload = Upload the logo
mod-logo-uploaded = The logo has been updated.
mod-logo-missing = Choose an image file.

mod-tr-lead = Any text of the site can be changed for your city here: menu items, headings, labels. The default text stays until a translation is changed.
mod-tr-lang = Language
mod-tr-search = Search by key or text
mod-tr-only-overridden = Changed only
mod-tr-count = Found: { $count }. Showing the first { $shown }.
mod-tr-count-all = Found: { $count }.
mod-tr-none = Nothing found.
mod-tr-default = Default text
mod-tr-overridden = changed
mod-tr-edit = Change “{ $key }”
mod-tr-edit-title = Translation “{ $key }”
mod-tr-value = Text
mod-tr-value-hint = Arguments of the default text, such as { "{" } $name { "}" }, may be kept in the new text.
mod-tr-reset = Restore the default text
mod-tr-saved = The translation “{ $key }” has been saved.
mod-tr-reset-done = “{ $key }” shows its default text again.

mod-pages-lead = The pages of the “About” section: regulations, contacts, advice. Published pages are seen by every visitor.
mod-pages-new = New page
mod-pages-empty = There are no pages yet.
mod-pages-col-title = Title
mod-pages-col-slug = Address
mod-pages-col-position = Order
mod-pages-col-state = State
mod-pages-published = Published
mod-pages-draft = Draft
mod-pages-edit = Edit “{ $title }”
mod-pages-back = ← Back to the pages
mod-page-new-title = New page
mod-page-edit-title = Page “{ $title }”
mod-page-slug = Page address
mod-page-slug-hint = Latin letters, digits and dashes, e.g. “regulations”. The page will be at /about/…
mod-page-title-uk = Title in Ukrainian
mod-page-title-en = Title in English
mod-page-body-uk = Text in Ukrainian (Markdown)
mod-page-body-en = Text in English (Markdown)
mod-page-body-hint = Markdown: **bold**, *italic*, [links](https://…), lists with “- ”.
mod-page-position = Order in the menu
mod-page-published = Publish
mod-page-saved = The page has been saved.
mod-page-delete = Delete the page
mod-page-delete-title = Delete the page “{ $title }”?
mod-page-delete-text = The page will be deleted for good.
mod-page-deleted = The page has been deleted.
mod-page-preview = Preview (the saved version)
mod-page-preview-uk = In Ukrainian
mod-page-preview-en = In English
mod-page-public = Open on the site
