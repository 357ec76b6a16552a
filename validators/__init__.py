"""Rules over extracted deliberations; they never raise, every failure is a Finding."""
