"""The casusoverleg: planning meetings, their agenda and the partners invited per item."""
