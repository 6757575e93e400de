"""The history of every change to check-ins (and who took part), agreed actions, activity
reports and their activities (see groups/history.py): who, when, the old and the new
values, attributed as every change of the registry is."""

from coaching.models import Activity, ActivityReport, AgreedAction, CheckIn, CheckInParticipant
from common.history import tracked

for model in (CheckIn, CheckInParticipant, AgreedAction, ActivityReport, Activity):
    tracked(model)
