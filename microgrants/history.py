"""The history of every change to microgrant requests and their budgets (see
groups/history.py). Their history tables kept the names they had in the groups app."""

from common.history import tracked
from microgrants.models import MicrograntBudgetLine, MicrograntRequest

tracked(MicrograntRequest, db_table="groups_micrograntrequestchange")
tracked(MicrograntBudgetLine, db_table="groups_micrograntbudgetlinechange")
