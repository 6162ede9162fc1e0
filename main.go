// Command firstrun walks the owner of an AWS account through its first-time setup.
package main

func main() {}
