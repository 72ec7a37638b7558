# ruff: noqa
# Names vulture cannot see used: form fields, template attributes, settings strings, tests
# and the bench. Reviewed by hand; add a name only when something really uses it.
_.domain_fields  # unused method (cases/casefile/forms.py:206)
entry_count  # unused function (cases/casefile/history.py:148)
_.end_reason  # unused attribute (cases/casefile/services.py:154)
_.can_edit  # unused attribute (cases/casefile/tabs.py:140)
_.can_change  # unused attribute (cases/casefile/tabs.py:166)
q  # unused variable (cases/caseload/forms.py:27)
district  # unused variable (cases/caseload/forms.py:34)
registered_from  # unused variable (cases/caseload/forms.py:55)
closed_from  # unused variable (cases/caseload/forms.py:58)
ending_within  # unused variable (cases/caseload/forms.py:59)
no_contact_days  # unused variable (cases/caseload/forms.py:62)
_.email  # unused attribute (cases/demo.py:486)
_.size  # unused attribute (cases/overviews/batch.py:115)
_.generated_by  # unused attribute (cases/overviews/batch.py:116)
_.generated_at  # unused attribute (cases/overviews/batch.py:117)
bsn  # unused variable (cases/people/forms.py:26)
caseloads_removed  # unused variable (cases/privacy/retention.py:68)
_._change_reason  # unused attribute (cases/reference_data.py:97)
load_reference_data  # unused function (cases/reference_data.py:108)
confirm_new_youth  # unused variable (cases/registration/forms.py:51)
household_choice  # unused variable (cases/registration/forms.py:54)
existing_household  # unused variable (cases/registration/forms.py:64)
validate_bsn  # unused function (cases/validators.py:20)
validate_postcode  # unused function (cases/validators.py:34)
_._change_reason  # unused attribute (partners/management/commands/rechten.py:41)
_.decided_at  # unused attribute (partners/services.py:245)
_.decision_note  # unused attribute (partners/services.py:246)
_.is_staff  # unused attribute (partners/services.py:289)
is_mapped  # unused function (pga/access_log.py:100)
purge  # unused function (pga/access_log_guard.py:100)
PGAAdminSite  # unused class (pga/admin_site.py)
_.has_permission  # unused method (pga/admin_site.py)
navigation  # unused function (pga/context_processors.py:6)
_._changed_fields  # unused attribute (pga/forms.py:24)
_._history_user  # unused attribute (pga/history.py:51)
_._change_reason  # unused attribute (pga/history.py:52)
username_for_lockout  # unused function (pga/login_names.py:22)
_.process_exception  # unused method (pga/middleware.py:148)
van  # unused variable (pga/supervision.py:85)
tot  # unused variable (pga/supervision.py:86)
gebruiker  # unused variable (pga/supervision.py:87)
actie  # unused variable (pga/supervision.py:89)
resultaat  # unused variable (pga/supervision.py:92)
casus  # unused variable (pga/supervision.py:95)
soort  # unused variable (pga/supervision.py:101)
zoekterm  # unused variable (pga/supervision.py:107)
_.person  # shown by templates/supervision/_access_log_rows.html (pga/access_log_words.py)
_.case_number  # shown by templates/supervision/_access_log_rows.html (pga/access_log_words.py)
_.confirmed  # unused attribute (pga/two_factor.py:119)
application  # unused variable (pga/wsgi.py:7)
_._history_date  # read by simple-history when it writes the row (pga/history.py)
_.finalised_at  # a model field (cases/models/meetings.py), set by finalise_meeting
_.cancelled_at  # a model field (cases/models/meetings.py), set by cancel_meeting
terug  # a hidden form field (cases/plan/forms.py): where to go back after finishing
_.status_note  # a model field (cases/models/plan.py), set by finish_agreement
_.status_on  # a model field (cases/models/plan.py), set by finish_agreement
_.can_finish  # read by the agreement templates (cases/plan/views.py)
_.meeting_label  # read by templates/cases/_agreement.html (cases/casefile/tabs.py)
_.can_edit  # read by templates/cases/_agreement.html (cases/casefile/tabs.py)
agreement_overdue  # a caseload filter field (cases/caseload/forms.py), read by filter_caseload
_.made_this_month  # read by templates/pdf/case_overview.html (cases/overviews/pdf.py)
_.started_in_month  # read by templates/pdf/case_overview.html (cases/overviews/pdf.py)
_.ended_in_month  # idem
verlopen  # a filter field (cases/plan/forms.py AgreementFilterForm), read from request.GET
_.skip_history_when_saving  # read by django-simple-history: no history row for this save
_.status_label  # read by templates/cases/group_detail.html and pdf/group_overview.html
_.priority_label  # read by templates/cases/group_detail.html (cases/groups/workspace.py)
_.role_label  # read by templates/cases/group_detail.html and pdf/group_overview.html
_.theme_names  # read by templates/cases/group_detail.html (cases/groups/workspace.py)
help_texts  # a ModelForm Meta option (cases/casefile/forms.py InvolvementForm), read by Django
toets_overdue  # a caseload filter field (cases/caseload/forms.py), read by filter_caseload
youth_search_name  # used by Youth.save() (cases/models/people.py), which vulture does not scan
# Issue 19 (forms): Django reads these.
_.value_from_datadict  # a widget hook (pga/widgets.py), called by Django's forms
_.decompress  # a MultiWidget hook (pga/widgets.py DateTimeInput)
_.is_required  # a widget attribute (pga/widgets.py), read by Django's widget rendering
_._errors  # a form's cache (cases/registration/forms.py without_errors), read by form.errors
_._non_form_errors  # a formset's cache, read by formset.non_form_errors()
DATE_FORMAT  # pga/formats/nl/formats.py: a format module, read by django.utils.formats
TIME_FORMAT  # idem
DATETIME_FORMAT  # idem
YEAR_MONTH_FORMAT  # idem
MONTH_DAY_FORMAT  # idem
SHORT_DATE_FORMAT  # idem
SHORT_DATETIME_FORMAT  # idem
FIRST_DAY_OF_WEEK  # idem
DATE_INPUT_FORMATS  # idem
TIME_INPUT_FORMATS  # idem
DATETIME_INPUT_FORMATS  # idem
DECIMAL_SEPARATOR  # idem
THOUSAND_SEPARATOR  # idem
NUMBER_GROUPING  # idem
publish  # pga/tasks.py: how the web queues a task after commit (tests/tasks; jobs use it)
resolved_at  # pga/models.py FailedTask: set by resolve_failed_tasks, shown in /beheer/
expires_at  # pga/models.py Job: set when the result is made, read by the sweep and pages
attempts  # pga/models.py EmailDelivery: counted by send_email, shown in /beheer/
touched_at  # pga/models.py EmailDelivery: set by send_email, read by the sweep
sent_at  # pga/models.py EmailDelivery: set by send_email, shown in /beheer/
serializer_class  # cases/api/views.py: Django REST framework's generic views read it
retrieve  # cases/api/views.py: RetrieveAPIView.get calls it
get_exclude  # partners/admin.py: the admin asks it (the key's hash never on a form)
CountRefused  # cases/api/throttling.py: named in settings.REST_FRAMEWORK
revoked_by  # partners/models.py ApiToken: set by revoke_api_token, shown in /beheer/
revoked_at  # idem
revoke_reason  # idem
TokenAuthentication  # cases/api/authentication.py: named in settings.REST_FRAMEWORK
problem_details  # cases/api/errors.py: idem (EXCEPTION_HANDLER)
Pages  # cases/api/pagination.py: idem
ApiSchema  # cases/api/schema.py: idem (DEFAULT_SCHEMA_CLASS)
PerAccount  # cases/api/throttling.py: idem
fouten  # cases/api/errors.py Problem: a documented field of the problem body
pdf_sha256  # cases/models/handover.py: set by make_handover, shown on the handover's page
json_sha256  # idem
_.has_next  # Django Page method, overridden (pga/paging.py)
_.next_page_number  # Django Page method, overridden (pga/paging.py)
_._get_page  # Django Paginator hook, overridden (pga/paging.py)
