# The web app's frame and the words every screen shares. Screens keep their own strings in
# web-<area>.ftl beside this file.

skip-to-content = Skip to content
nav-menu = Menu
nav-main = Main menu
nav-mine = My account
nav-projects = Projects
nav-results = Results
nav-election = Commission election
nav-open-data = Open data
nav-about = About
nav-profile = My profile
nav-my-projects = My projects
nav-my-votes = My votes
nav-candidate = Commission candidacy
nav-moderation = Moderation
nav-admin = Administration
nav-language = Language
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-signed-out = You have signed out.
nav-signed-in-as = { $name }
lang-uk = Українська
lang-en = English
lang-switched = Language changed.
footer-api-docs = API documentation
footer-openapi = OpenAPI specification
footer-open-source = Hromada is open source
page-not-found = Page not found
error-generic = Something went wrong
error-network = The server cannot be reached. Check your connection and try again.
error-request-id = Request id: { $id }
error-comment-required = Write a comment.
action-save = Save
action-saved = Saved.
action-cancel = Cancel
action-confirm = Confirm
action-close = Close
action-delete = Delete
action-edit = Edit
action-add = Add
action-back = Back
action-more = Show more
action-search = Search
action-download = Download
loading = Loading…
empty-list = Nothing here yet.
time-left = { $days ->
        [0] { $hours ->
                [0] { $minutes } min
               *[other] { $hours } h { $minutes } min
            }
       *[other] { $days } d { $hours } h
    }
yes = Yes
no = No
cost-subtotal = Sum of the estimate's lines
cost-reserve-line = Reserve { $percent }
cost-reserve-of = of { $sum }
session-phase-not-started = The session has not started yet
session-phase-finished = The session is over
home-title = Participatory budget: { $city }
home-logo-alt = Logo of { $city }
home-see-projects = See the projects
home-propose = Propose a project
home-missing-title = Complete your profile
home-missing-text = To propose projects and vote, fill in:
home-missing-link = Go to my profile
home-no-session = There is no participatory budget session now.
home-stage-now = Now: { $stage }.
home-time-left = Time left in this stage: { $left }.
home-timeline = Stages of the session
home-stage-dates = { $start } – { $end }
home-pots = Budget
home-pot-max-cost = Projects up to { $amount }
home-votes-per-voter = Every resident has { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }.
