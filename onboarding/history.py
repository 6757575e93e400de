"""The history of every change to applications and the setup guide (see groups/history.py).

Imported by onboarding/translation.py once the guide's translated columns exist.
"""

from common.history import tracked
from onboarding.models import GroupApplication, SetupStep, SetupSubStep

for model in (GroupApplication, SetupStep, SetupSubStep):
    tracked(model)
