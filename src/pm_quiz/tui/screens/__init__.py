"""The app's screens: welcome, question, result, help, and the too-small notice."""
