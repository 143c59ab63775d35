# Endorsements: the button on a project's page, the count in the catalogue and the moderation
# queue, a pot's minimum in the session form.

endorse-title = Endorsements
endorse-button = Endorse
endorse-sign-in = Sign in to endorse
endorse-count = { $count ->
        [one] { $count } endorsement
       *[other] { $count } endorsements
    }
endorse-count-of = { $count } of { $min } needed
endorse-reached = The project has the endorsements it needs.
endorse-open = Endorsements are collected until { $end } inclusive.
endorse-from = Endorsements will be collected from { $start } to { $end }.
endorse-closed = Endorsements have ended.
endorse-not-endorsable = This project collects no endorsements.
endorse-own = This is your project: authors do not endorse their own projects.
endorse-done-mark = You have endorsed this project
endorse-withdraw = Withdraw endorsement
endorse-withdraw-title = Withdraw your endorsement?
endorse-withdraw-text = Your endorsement of the project will be removed. You can endorse it again while endorsements are collected.
endorse-done = Thank you! Your endorsement is counted.
endorse-withdrawn = Your endorsement is withdrawn.
endorse-profile = Check your profile
endorse-adm-pot-min = Minimum endorsements
endorse-adm-pot-min-hint = How many endorsements a project needs to be admitted to the vote (when the session has an endorsement stage); 0: none needed.
endorse-mod-label = Endorsements
endorse-mod-below = Too few to admit
