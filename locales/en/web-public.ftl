# Public pages: the project catalogue and map, a project's page, results, open data and the
# static pages «Про проект».

## Catalogue

catalogue-title = Projects
catalogue-filters = Search and filter projects
catalogue-search = Search titles and descriptions
catalogue-apply = Show
catalogue-more-filters = Filters and order
catalogue-more-filters-active = Filters and order ({ $count } chosen)
catalogue-reset = Clear filters
catalogue-session = Session
catalogue-status = Status
catalogue-any-status = All statuses
catalogue-pot = Pot
catalogue-any-pot = All pots
catalogue-category = Category
catalogue-any-category = All categories
catalogue-district = District
catalogue-any-district = All districts
catalogue-citywide = Citywide
catalogue-sort = Order
catalogue-sort-random = Random
catalogue-sort-newest = Newest first
catalogue-sort-cost-asc = Cheapest first
catalogue-sort-cost-desc = Most expensive first
catalogue-sort-votes = Most votes first
catalogue-view = View
catalogue-view-list = List
catalogue-view-map = Map
catalogue-found = { $count ->
        [0] No projects found
        [one] { $count } project found
       *[other] { $count } projects found
    }
catalogue-none = No projects yet.
catalogue-none-filtered = No project matches the filters. Try changing or clearing them.
catalogue-votes = { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }
catalogue-pages = Pages
catalogue-page-n = Page { $n }
catalogue-prev = ← Previous
catalogue-next = Next →

## Maps

map-label = Map of projects
map-count = { $count ->
        [0] No projects on the map
        [one] { $count } project on the map
       *[other] { $count } projects on the map
    }
map-note = The map shows projects whose authors gave a place. Every project, with the same filters, is in the list.
map-see-list = See them as a list
map-cluster = { $count ->
        [one] { $count } project here, zoom in
       *[other] { $count } projects here, zoom in
    }
map-marker = Project «{ $title }» on the map
map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-popup-close = Close the popup
map-osm-contributors = OpenStreetMap contributors
map-failed = The map could not be loaded.

## A project's page

project-page-back = ← All projects
project-page-summary = The project in brief
project-page-cost = Cost
project-page-address = Address
project-page-author = Author
project-page-submitted = Submitted
project-page-tabs = Project sections
project-page-tab-about = Description
project-page-tab-supporters = Supporters ({ $count })
project-page-status-comment = Moderator's comment
project-page-description = About the project
project-page-beneficiaries = Who benefits
project-page-implementation = Implementation
project-page-cost-breakdown = Cost estimate
project-page-cost-item = Item
project-page-cost-quantity = Quantity
project-page-cost-price = Unit price
project-page-cost-sum = Amount
project-page-cost-total = Total cost
project-page-photos = Photos
project-page-photo-alt = Photo { $n } of the project «{ $title }»
project-page-opens-new = (opens in a new tab)
project-page-documents = Documents
project-page-file-size = ({ $kb } KB)
project-page-place = Location
project-page-map = Location of the project «{ $title }» on the map
project-page-history = Status history
project-page-history-empty = No status changes yet.

project-page-vote-title = Voting
project-page-vote = Vote
project-page-vote-sign-in = Sign in to vote
project-page-vote-open = Voting is open. Support the project with your vote.
project-page-vote-remaining = You have { $remaining } of { $total } { $total ->
        [one] vote
       *[other] votes
    } left.
project-page-vote-cast = You voted for this project.
project-page-vote-done = Your vote is counted. { $remaining ->
        [0] You have no votes left.
        [one] You have { $remaining } vote left.
       *[other] You have { $remaining } votes left.
    }
project-page-vote-counted = Your vote is counted.
project-page-vote-withdraw = Withdraw my vote
project-page-withdraw-title = Withdraw your vote?
project-page-withdraw-text = Your vote for this project will be cancelled, and you may give it to another project while voting lasts.
project-page-vote-withdrawn = Vote withdrawn. { $remaining ->
        [one] You have { $remaining } vote left.
       *[other] You have { $remaining } votes left.
    }
project-page-vote-none-left = You have used all your votes ({ $total }).
project-page-my-votes = My votes
project-page-vote-profile = Complete my profile
project-page-vote-profile-missing = To vote, fill in the required details in your profile.
project-page-vote-from = Voting runs from { $start } to { $end }.
project-page-vote-closed = Voting on projects has closed.
project-page-vote-finished = Voting is over.
project-page-see-results = Results of the vote
project-page-vote-not-admitted = This project is not on the ballot: it was not admitted to the vote.

project-page-team = Project team
project-page-team-empty = No supporters in the team yet.
project-page-facebook = Facebook: { $name }
project-page-author-note = You are this project's author: applications to your team are below.
project-page-apply = Become a supporter
project-page-apply-sign-in = Sign in to become a supporter
project-page-apply-after-moderation = You can join the team once the project has passed moderation.
project-page-apply-title = Become a supporter of the project
project-page-apply-warning = If the author accepts you into the team, your full name, photo and Facebook page will be shown on the project's page.
project-page-apply-comment = A note to the author (optional)
project-page-apply-send = Send application
project-page-apply-sent-title = Application sent
project-page-apply-sent = The project's author will review your application and decide whether to add you to the team. You will get the decision by e-mail.
project-page-apply-pending = Your application is sent; the project's author will review it.
project-page-apply-accepted = You are in this project's team.
project-page-applications = Supporter applications
project-page-applications-staff = All supporter applications
project-page-applications-empty = No applications yet.
project-page-application-history = Application history
project-page-phone = Phone
project-page-email = E-mail
project-page-applied = Applied
project-page-applicant-comment = Applicant's note
project-page-decision-comment = Author's comment
project-page-accept = Accept
project-page-reject = Reject
project-page-remove = Remove from the team
project-page-accept-title = Accept { $name } into the team?
project-page-accept-text = The supporter's name, photo and Facebook page will be shown on the project's page.
project-page-reject-title = Reject the application: { $name }
project-page-reject-text = Say why you reject the application: the applicant gets your comment by e-mail.
project-page-remove-title = Remove from the team: { $name }
project-page-remove-text = The supporter gets the status «Refused» and an e-mail with your comment, if you write one.
project-page-decided-accepted = { $name } is now a supporter of the project.
project-page-decided-rejected = The application of { $name } is rejected.
project-page-decided-removed = { $name } is no longer in the project's team.

## Results

results-title = Results
results-session = Session
results-show = Show
results-no-session = The city has not held a participatory budget session yet.
results-not-published = The results are not published yet.
results-after-voting = Voting lasts until { $end }; then moderators compute and publish the results.
results-expected = The results will be computed between { $start } and { $end }.
results-soon = The results will appear here as soon as moderators publish them.
results-preview = Preliminary results (computed { $at }): not published yet, visible only to moderators, observers and members of the commission.
results-published = Published { $at }.
results-pots = Pots
results-pot-n = Pot { $id }
results-budget = Pot budget
results-spent = Spent
results-left = Left
results-voters = Voters
results-winners = Winners
results-used = { $share } of the pot's budget is used.
results-rule-title = How the winners were chosen:
results-rule-details = More about the rule
results-how-greedy = by votes
results-how-greedy-no-skip = by votes, without skipping
results-how-greedy-threshold = by votes, with a threshold
results-how-greedy-per-cost = by votes per hryvnia
results-how-equalshares-add1 = by the Method of Equal Shares
results-plain-greedy = The project with the most votes is funded first, then the next one, and so on while the pot has money. A project that no longer fits is skipped, and the next, cheaper one is considered.
results-plain-greedy-no-skip = The project with the most votes is funded first, then the next one, while the pot has money. As soon as a project does not fit the money left, the selection stops.
results-plain-greedy-threshold = Only projects with at least { $min } votes can win. Among them, the one with the most votes is funded first, then the next one, while the pot has money.
results-plain-greedy-per-cost = Each project's votes are divided by its cost. The project with the most votes per hryvnia is funded first, then the next one, and so on while the pot has money, so a cheaper project with fewer votes can come before a dear one. A project that no longer fits is skipped, and the next one is considered.
results-plain-equalshares-add1 = The pot's money is shared equally among everyone who voted. A project wins if its supporters can pay for it together from their shares, so smaller communities get projects too, not only the largest.
results-table-caption = Projects of the pot «{ $pot }», winners first
results-col-place = No.
results-col-project = Project
results-col-votes = Votes
results-col-cost = Cost
results-col-per-head = Voter's share
results-col-outcome = Outcome
results-no-projects = This pot had no projects.
results-open-data = Open data of the vote: ballots and statistics

## Open data

opendata-title = Open data
opendata-intro = Anonymized ballots and participation statistics: anyone can check the count.
opendata-not-yet = This session's data is not open yet.
opendata-not-yet-hint = Ballots and statistics are published together with the results of the vote.
opendata-files = Files
opendata-csv = Ballots, CSV
opendata-csv-hint = one line per vote: pot, voter (anonymized), channel, project
opendata-json = Ballots, JSON
opendata-json-hint = pots with their projects, votes and ballots
opendata-pb = Pot «{ $pot }», pabulib format (.pb)
opendata-pb-hint = to recount with pabutools or the command below
opendata-tally = Recount the winners yourself:
opendata-participation = Participation
opendata-voters = Voters
opendata-votes = Votes
opendata-by-channel = By channel
opendata-channel = Channel
opendata-channel-internet = Online
opendata-channel-paper = Paper ballot (service centre)
opendata-by-age = By age
opendata-age = Age
opendata-age-under-18 = Under 18
opendata-age-18-29 = 18–29
opendata-age-30-44 = 30–44
opendata-age-45-59 = 45–59
opendata-age-60-plus = 60 and over
opendata-age-unknown = Unknown
opendata-by-day = By day of voting
opendata-day = Day
opendata-by-district = By district
opendata-district = District
opendata-citywide = Citywide projects
opendata-population = Population
opendata-turnout = Turnout

## Static pages

pages-title = About
pages-none = No pages yet.
pages-back = ← About
pages-updated = Updated: { $date }
approval-title = Approval by the public budget commission
approval-lead = The city has an elected public budget commission ({ $members } members): results are published once a majority of its members approve the winners list.
approval-decision-pending = No decision yet.
approval-decision-approved = Approved.
approval-decision-refused = Not approved.
approval-count = For: { $approvals }; { $votes } of { $members } have voted.
approval-no-votes = The commission's members have not voted yet.
approval-vote-approve = approve
approval-vote-refuse = do not approve
approval-your-vote = Your vote as a commission member
approval-choice = Decision
approval-comment = Comment
approval-comment-hint = Required when you do not approve. You may change your vote until the results are published.
approval-submit = Record my vote
approval-recorded = Your vote is recorded.
