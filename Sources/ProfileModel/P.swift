public enum ProfileModelPlaceholder {}
