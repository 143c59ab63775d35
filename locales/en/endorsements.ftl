# Endorsements of projects (the endorsement stage): the stage, refusals, the author's e-mail.

stage-kind-endorsement = Endorsements

problem-endorsement-no-stage = This session collects no endorsements
    .detail = The projects of this session do not collect endorsements.
problem-endorsement-not-open = Endorsements have not started
    .detail = Projects can be endorsed during the endorsement stage.
problem-endorsement-closed = Endorsements have ended
    .detail = The endorsement stage is over.
problem-endorsement-own-project = You cannot endorse your own project
    .detail = Authors do not endorse their own projects.
problem-endorsement-not-endorsable = This project collects no endorsements
    .detail = Projects on moderation, returned for revision or admitted to the vote collect endorsements. This project's status: { $status }.
problem-endorsement-too-young = Too young to endorse
    .detail = Residents endorse projects from the age of { $age }.
problem-endorsement-exists = You have already endorsed this project
    .detail = Each resident endorses a project once.
problem-endorsement-not-found = You have not endorsed this project
    .detail = Only your own endorsement can be withdrawn.
problem-endorsements-below-minimum = Not enough endorsements
    .detail = The project has { $have } endorsements; at least { $need } are needed to admit it to the vote.
problem-pot-min-endorsements-invalid = Invalid number of endorsements
    .detail = The minimum number of endorsements is a whole number from 0 to { $max }.

email-endorsements-reached-subject = Project “{ $title }” has its endorsements — Hromada
email-endorsements-reached-body =
    Hello, { $name }!

    Your project “{ $title }” has collected the endorsements it needs: { $count } (needed: { $minimum }).
    It can now be admitted to the vote once the moderators have reviewed it.

    The project's page: { $url }
