# Expert review: the expert's screen, conclusions on a project's page, category assignments.

nav-expertise = Expert review
adm-role-expert = Expert
adm-param-expert-review = Expert review of projects
adm-param-expert-review-hint = A project is admitted to the vote only on a conclusion of the responsible department's expert that does not block it.

exp-title = Expert review of projects
exp-forbidden = This section is for the city's experts.
exp-categories = Your categories: { $list }.
exp-no-categories = No category has been assigned to you yet. Ask the city's administrator.
exp-queue-title = Awaiting a conclusion: { $count }
exp-queue-empty = No project awaits your conclusion.
exp-round = Round { $round }
exp-waiting-since = waiting since { $at }
exp-conclude = Give a conclusion
exp-verdict = Conclusion
exp-feasible = Feasible
exp-not-feasible = Not feasible
exp-reasons = Reasons
exp-reasons-hint = Required when the project is not feasible; up to 10,000 characters.
exp-correct-cost = Correct the estimate
exp-correct-cost-hint = Your estimate replaces the author's; the session's reserve is added the same way.
exp-submit = Give the conclusion (round { $round })
exp-given = The conclusion on “{ $title }” is given.

exp-section = Expert review
exp-state-awaiting = The project awaits the expert's conclusion.
exp-state-concluded = The expert has given a conclusion.
exp-state-revised = The author revised the project; the final conclusion is awaited.
exp-state-final = The final conclusion is given.
exp-conclusion-by = Round { $round }: the responsible department's expert (category “{ $category }”)
exp-overturned = Overturned by the commission
exp-cost-corrected = Cost corrected: { $before } → { $after }.
exp-revised = The author revised the project on { $at }; cost: { $before } → { $after }.
exp-revise-lead = You may revise the description and the estimate once in answer to the conclusion; the expert then gives the final conclusion.
exp-revise = Revise the project
exp-revise-hint = The revision is possible only once.
exp-revise-description = Project description
exp-revise-submit = Send the revision
exp-revise-done = The revision was sent to the expert.

exp-admin-title = Experts' categories
exp-admin-lead = An expert sees and reviews only the projects of the categories assigned to them.
exp-admin-empty = No categories assigned yet.
exp-admin-no-experts = To assign categories, first grant someone the “Expert” role.
exp-admin-expert = Expert
exp-admin-category = Category
exp-assign = Assign the category
exp-assignment = { $expert } — { $category }
exp-unassign = Remove
exp-unassign-named = Remove the category “{ $category }” from { $expert }
exp-assigned = Category “{ $category }” assigned: { $expert }.
exp-unassigned = Category “{ $category }” removed: { $expert }.
