"""The Labs tab and the lab guide bar: chapters that explain, set the app up, run an
experiment and ask a question answered from the student's own run."""
