META
key;value
description;"Local PB; with a semicolon"
num_projects;3
num_votes;4
budget;1000,50
vote_type;approval
rule;equalshares/add1
min_project_score_threshold;2
PROJECTS
project_id;cost;votes;name;selected
10;500;3;"Park ""Green""";1
9;400,5;2;Bench;
x1;200;1;"Two
lines";0

VOTES
voter_id;vote;age
a;10,9;30
b; 10 , x1 ;none
c;;41
d;9,10;
