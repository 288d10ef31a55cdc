//! Checks shared by actions.
